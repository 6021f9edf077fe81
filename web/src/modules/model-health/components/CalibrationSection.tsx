import type { Data, Layout } from "plotly.js";
import { useMemo } from "react";
import { Chart } from "../../../core/charts/Chart";
import { formatShare } from "../../../core/format/fractions";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { tierLabel, tierTone } from "../../loans/loanLabels";
import type { CalibrationRow } from "../graphql/modelHealth";
import { type Column, ResponsiveTable } from "./ResponsiveTable";

const rate = (value: number | null) => formatShare(value) ?? <NotRecorded />;

const numbers: Column<CalibrationRow>[] = [
  { header: "Loans scored", cell: (r) => formatInteger(r.loans), numeric: true },
  { header: "Outcome known", cell: (r) => formatInteger(r.withOutcome), numeric: true },
  { header: "Predicted", cell: (r) => rate(r.predictedRate), numeric: true },
  { header: "Observed", cell: (r) => rate(r.observedRate), numeric: true },
];

const BAND_COLUMNS: Column<CalibrationRow>[] = [
  { header: "Probability band", cell: (r) => bandLabel(r.group) },
  ...numbers,
];

const TIER_COLUMNS: Column<CalibrationRow>[] = [
  { header: "Tier", cell: (r) => <Badge tone={tierTone(r.group)}>{tierLabel(r.group)}</Badge> },
  ...numbers,
];

/** "0.1-0.2" as "10% to 20%"; a group in another shape is shown as it came. */
function bandLabel(group: string): string {
  const [from, to] = group.split("-").map(Number);
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) return group;
  return `${formatShare(from, 0)} to ${formatShare(to, 0)}`;
}

const hasOutcome = (r: CalibrationRow) =>
  r.withOutcome > 0 && r.predictedRate !== null && r.observedRate !== null;

// A little past 0 and 1, so a point on the edge (a band where every loan defaulted) is not cut in half.
const AXIS_RANGE = [-0.02, 1.02];
const LAYOUT: Partial<Layout> = {
  xaxis: { title: { text: "Predicted default rate" }, range: AXIS_RANGE, tickformat: ".0%", zeroline: false },
  yaxis: { title: { text: "Observed default rate" }, range: AXIS_RANGE, tickformat: ".0%", zeroline: false },
  legend: { orientation: "h", x: 0, y: -0.25 },
  margin: { l: 64, r: 16, t: 16, b: 96 },
};

function BandTable({ bands }: { bands: CalibrationRow[] }) {
  return (
    <ResponsiveTable
      caption="Calibration by probability band"
      columns={BAND_COLUMNS}
      rows={bands}
      rowKey={(r) => r.group}
    />
  );
}

function CalibrationChart({ bands }: { bands: CalibrationRow[] }) {
  const data = useMemo<Data[]>(() => {
    const known = bands.filter(hasOutcome);
    return [
      {
        type: "scatter",
        mode: "lines",
        x: [0, 1],
        y: [0, 1],
        name: "Perfectly calibrated",
        line: { color: "#94a3b8", dash: "dash", width: 1.5 },
        hoverinfo: "skip",
      },
      {
        type: "scatter",
        mode: "lines+markers",
        x: known.map((r) => r.predictedRate ?? 0),
        y: known.map((r) => r.observedRate ?? 0),
        text: known.map((r) => bandLabel(r.group)),
        customdata: known.map((r) => r.withOutcome),
        name: "This model, live loans",
        marker: { color: "#4f46e5", size: 9 },
        line: { color: "#4f46e5" },
        hovertemplate:
          "Band %{text}<br>Predicted %{x:.1%}<br>Observed %{y:.1%}<br>%{customdata} loans with an outcome<extra></extra>",
      },
    ];
  }, [bands]);

  return (
    <Chart
      title="Predicted against observed default rate, by probability band"
      data={data}
      layout={LAYOUT}
      height={400}
      table={<BandTable bands={bands} />}
    />
  );
}

/** Whether the probabilities mean what they say: among loans given 20%, about one in five should default. */
export function CalibrationSection({
  bands,
  tiers,
  outcomeDefinition,
}: {
  bands: CalibrationRow[];
  tiers: CalibrationRow[];
  outcomeDefinition: string;
}) {
  const anyOutcome = bands.some(hasOutcome);
  return (
    <section aria-labelledby="calibration" className="space-y-4">
      <div>
        <h2 id="calibration" className="text-lg font-semibold text-slate-900">
          Calibration
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Mean predicted probability against the share that defaulted, among live loans whose outcome is
          known. Points above the diagonal: the model under-estimates risk; below it, over-estimates.
        </p>
      </div>
      {bands.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-4 text-sm text-slate-600">
          No operational loan is scored by this model yet, so there is nothing to compare. Calibration appears
          after the next rescoring.
        </p>
      ) : (
        <>
          {anyOutcome ? (
            <CalibrationChart bands={bands} />
          ) : (
            <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <h3 className="text-sm font-semibold text-slate-900">By probability band</h3>
              {/* A chart of the diagonal alone would say nothing: the counts are what there is. */}
              <p role="note" className="mt-1 text-sm text-amber-900">
                None of the scored loans has a known outcome yet, so observed rates cannot be compared. The
                comparison appears as loans default or are repaid.
              </p>
              <BandTable bands={bands} />
            </div>
          )}
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h3 className="text-sm font-semibold text-slate-900">By risk tier</h3>
            <ResponsiveTable
              caption="Calibration by risk tier"
              columns={TIER_COLUMNS}
              rows={tiers}
              rowKey={(r) => r.group}
            />
          </div>
        </>
      )}
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer font-medium text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600">
          What counts as a default
        </summary>
        <p className="mt-1">{outcomeDefinition}</p>
      </details>
    </section>
  );
}
