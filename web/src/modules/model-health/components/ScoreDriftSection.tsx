import type { Data, Layout } from "plotly.js";
import { useMemo } from "react";
import { Chart } from "../../../core/charts/Chart";
import { formatDecimal, formatProbability, formatShare } from "../../../core/format/fractions";
import { formatInteger } from "../../../core/format/numbers";
import type { DriftBin, ScoreDrift } from "../graphql/modelHealth";
import { PSI_SCALE_TEXT, psiReadingInfo } from "../psiReadings";
import { PsiReadingBadge } from "./PsiReadingBadge";
import { type Column, ResponsiveTable } from "./ResponsiveTable";

/** A bin of probabilities in words: "up to 4.12%", "4.12% to 7.3%", "above 68.6%". */
function binLabel(bin: DriftBin): string {
  const lower = formatProbability(bin.lower);
  const upper = formatProbability(bin.upper);
  if (lower === null && upper === null) return "All scores";
  if (lower === null) return `up to ${upper}`;
  if (upper === null) return `above ${lower}`;
  return `${lower} to ${upper}`;
}

const points = (value: number) =>
  `${value > 0 ? "+" : value < 0 ? "−" : "±"}${formatDecimal(Math.abs(value * 100), 1)} pts`;

const COLUMNS: Column<DriftBin>[] = [
  { header: "Probability of default", cell: binLabel },
  { header: "Training share", cell: (b) => formatShare(b.trainShare), numeric: true },
  { header: "Live share", cell: (b) => formatShare(b.liveShare), numeric: true },
  { header: "Change", cell: (b) => points(b.liveShare - b.trainShare), numeric: true },
];

const LAYOUT: Partial<Layout> = {
  barmode: "group",
  xaxis: { title: { text: "Probability of default" }, automargin: true, tickangle: -45 },
  yaxis: { title: { text: "Share of loans" }, tickformat: ".0%", rangemode: "tozero" },
  legend: { orientation: "h", x: 0, y: 1.12 },
  margin: { l: 64, r: 16, t: 32, b: 48 },
};

/** Where the bins come from, said for a reader rather than as the card's JSON path. */
function binsText(bins: string | null): string | null {
  if (bins === null) return null;
  if (bins.endsWith("psiBins")) return "Bands: the deciles of the training scores, from the model card.";
  if (bins.startsWith("scoreDistribution.binEdges")) {
    return "Bands: equal-width bands of probability (the model card has no decile bands; a retraining adds them).";
  }
  return `Bands: ${bins}.`;
}

/** Has the live score distribution moved away from the one the model was trained on? */
export function ScoreDriftSection({ drift, liveLoans }: { drift: ScoreDrift; liveLoans: number }) {
  const info = psiReadingInfo(drift.reading);
  const data = useMemo<Data[]>(() => {
    const labels = drift.distribution.map(binLabel);
    return [
      {
        type: "bar",
        name: "Training",
        x: labels,
        y: drift.distribution.map((b) => b.trainShare),
        marker: { color: "#94a3b8" },
        hovertemplate: "%{x}<br>Training %{y:.1%}<extra></extra>",
      },
      {
        type: "bar",
        name: "Live",
        x: labels,
        y: drift.distribution.map((b) => b.liveShare),
        marker: { color: "#4f46e5" },
        hovertemplate: "%{x}<br>Live %{y:.1%}<extra></extra>",
      },
    ];
  }, [drift.distribution]);

  return (
    <section aria-labelledby="score-drift" className="space-y-4">
      <div>
        <h2 id="score-drift" className="text-lg font-semibold text-slate-900">
          Score drift
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Population stability index (PSI) of the {formatInteger(liveLoans)} live scores against the training
          scores. Read as: {PSI_SCALE_TEXT}.
        </p>
      </div>
      <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        {drift.psi === null ? (
          <p className="text-sm text-slate-700">No PSI yet: {drift.reason ?? "the server gave no reason"}.</p>
        ) : (
          <>
            <p className="flex flex-wrap items-center gap-3">
              <span className="text-sm text-slate-600">PSI</span>
              <strong className="text-2xl font-semibold text-slate-900 tabular-nums">
                {formatDecimal(drift.psi)}
              </strong>
              <PsiReadingBadge reading={drift.reading} />
            </p>
            {info?.advice && <p className="mt-2 text-sm text-slate-700">{info.advice}</p>}
            {drift.reason && <p className="mt-2 text-sm text-amber-900">{drift.reason}</p>}
            {binsText(drift.bins) && <p className="mt-2 text-xs text-slate-500">{binsText(drift.bins)}</p>}
          </>
        )}
      </div>
      {drift.distribution.length > 0 && (
        <Chart
          title="Share of loans per score band: training against live"
          data={data}
          layout={LAYOUT}
          table={
            <ResponsiveTable
              caption="Score distribution, training against live"
              columns={COLUMNS}
              rows={drift.distribution}
              rowKey={binLabel}
            />
          }
        />
      )}
    </section>
  );
}
