import type { Data, Layout } from "plotly.js";
import { useMemo } from "react";
import { Chart } from "../../../core/charts/Chart";
import { formatDecimal, formatShare } from "../../../core/format/fractions";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import type { FeatureDrift } from "../graphql/modelHealth";
import { PSI_ACT_ABOVE, PSI_WATCH_FROM, psiReadingInfo } from "../psiReadings";
import { PsiReadingBadge } from "./PsiReadingBadge";
import { type Column, ResponsiveTable } from "./ResponsiveTable";

/** How many of the most drifted features the chart shows: enough to see a pattern, few enough to read. */
export const TOP_FEATURES = 10;

const featureName = (f: FeatureDrift) => <span className="font-mono break-all">{f.feature}</span>;
const missing = (share: number | null) => formatShare(share) ?? <NotRecorded />;

const TOP_COLUMNS: Column<FeatureDrift>[] = [
  { header: "Feature", cell: featureName },
  { header: "PSI", cell: (f) => formatDecimal(f.psi) ?? <NotRecorded />, numeric: true },
  { header: "Reading", cell: (f) => <PsiReadingBadge reading={f.reading} /> },
  { header: "Missing in training", cell: (f) => missing(f.trainMissingShare), numeric: true },
  { header: "Missing live", cell: (f) => missing(f.liveMissingShare), numeric: true },
];

const ALL_COLUMNS: Column<FeatureDrift>[] = [
  ...TOP_COLUMNS,
  { header: "Why no PSI", cell: (f) => f.reason ?? "" },
];

// Each label sits on the outer side of its line, so the two never overlap however the axis is scaled.
const THRESHOLDS = [
  { x: PSI_WATCH_FROM, text: "Watch ", xanchor: "right" },
  { x: PSI_ACT_ABOVE, text: " Act", xanchor: "left" },
] as const;

/** Dotted lines at the reading thresholds that fall within the bars' range (beyond, they would squash them). */
function thresholdLines(maxPsi: number): Pick<Partial<Layout>, "shapes" | "annotations"> {
  const shown = THRESHOLDS.filter((t) => t.x <= maxPsi * 1.5);
  return {
    shapes: shown.map((t) => ({
      type: "line",
      xref: "x",
      yref: "paper",
      x0: t.x,
      x1: t.x,
      y0: 0,
      y1: 1,
      line: { color: "#475569", dash: "dot", width: 1 },
    })),
    annotations: shown.map((t) => ({
      x: t.x,
      xref: "x",
      y: 1,
      yref: "paper",
      yanchor: "bottom",
      xanchor: t.xanchor,
      text: t.text,
      showarrow: false,
      font: { size: 11 },
    })),
  };
}

function FeatureDriftChart({ top }: { top: FeatureDrift[] }) {
  // Plotly draws the first category at the bottom: reversed, the most drifted feature is on top.
  const ordered = useMemo(() => [...top].reverse(), [top]);
  const data = useMemo<Data[]>(
    () => [
      {
        type: "bar",
        orientation: "h",
        x: ordered.map((f) => f.psi ?? 0),
        y: ordered.map((f) => f.feature),
        // The reading is written on each bar, so the colour is never the only sign of it.
        text: ordered.map((f) => `${formatDecimal(f.psi)} ${psiReadingInfo(f.reading)?.label ?? ""}`.trim()),
        textposition: "auto",
        marker: { color: ordered.map((f) => psiReadingInfo(f.reading)?.colour ?? "#64748b") },
        hovertemplate: "%{y}<br>PSI %{text}<extra></extra>",
      },
    ],
    [ordered],
  );
  const layout = useMemo<Partial<Layout>>(
    () => ({
      xaxis: { title: { text: "PSI" }, rangemode: "tozero" },
      yaxis: { automargin: true },
      ...thresholdLines(Math.max(...top.map((f) => f.psi ?? 0), 0)),
      margin: { l: 16, r: 16, t: 24, b: 48 },
      showlegend: false,
    }),
    [top],
  );

  return (
    <Chart
      title={`The ${top.length} most drifted features`}
      data={data}
      layout={layout}
      height={Math.max(240, 40 + top.length * 32)}
      table={
        <ResponsiveTable
          caption="Most drifted features"
          columns={TOP_COLUMNS}
          rows={top}
          rowKey={(f) => f.feature}
        />
      }
    />
  );
}

/** Which inputs moved most since training: where to look first when the score drift says watch or act. */
export function FeatureDriftSection({
  features,
  reason,
}: {
  features: FeatureDrift[];
  reason: string | null;
}) {
  // The server sends the most drifted first, features without a PSI last.
  const withPsi = useMemo(() => features.filter((f) => f.psi !== null), [features]);
  // Memoised: a new array on every render would redraw the chart on every render.
  const top = useMemo(() => withPsi.slice(0, TOP_FEATURES), [withPsi]);
  const withoutPsi = features.length - withPsi.length;
  const flagged = withPsi.filter((f) => f.reading !== null && f.reading !== "STABLE").length;

  return (
    <section aria-labelledby="feature-drift" className="space-y-4">
      <div>
        <h2 id="feature-drift" className="text-lg font-semibold text-slate-900">
          Feature drift
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          PSI of each input feature&apos;s live values against its training values.
          {withPsi.length > 0 &&
            ` ${flagged} of ${withPsi.length} features with a PSI read watch or shifted.`}
          {withoutPsi > 0 && ` ${withoutPsi} have no PSI: "Every feature" says why.`}
        </p>
      </div>
      {reason !== null ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-4 text-sm text-slate-600">
          No feature drift: {reason}.
        </p>
      ) : top.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-5 py-4 text-sm text-slate-600">
          No feature has a PSI yet: it needs live scores by this model. It appears after the next rescoring.
        </p>
      ) : (
        <FeatureDriftChart top={top} />
      )}
      {features.length > 0 && (
        <details className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
            Every feature ({features.length})
          </summary>
          <div className="mt-2">
            <ResponsiveTable
              caption="Drift of every feature"
              columns={ALL_COLUMNS}
              rows={features}
              rowKey={(f) => f.feature}
            />
          </div>
        </details>
      )}
    </section>
  );
}
