import type { Data, Layout } from "plotly.js";
import { useMemo, useState } from "react";
import { Chart } from "../../../core/charts/Chart";
import { bucketLabel } from "../../loans/loanLabels";
import { BUCKETS, tierRowLabel } from "../dashboardLabels";
import type { BucketTierCell } from "../graphql/portfolioSummary";
import { type HeatmapMeasure, heatmapGrid } from "../heatmapGrid";
import { HeatmapTable } from "./HeatmapTable";

const MEASURES: { value: HeatmapMeasure; label: string }[] = [
  { value: "loans", label: "Loans" },
  { value: "balance", label: "Balance" },
];

// A constant: a new layout object on each render would redraw the chart each time.
// Automatic margins fit the tier and bucket labels at any width (a phone's too).
const LAYOUT: Partial<Layout> = {
  margin: { l: 8, r: 8, t: 8, b: 8 },
  xaxis: { title: { text: "Delinquency bucket" }, automargin: true },
  yaxis: { automargin: true },
};

interface RiskHeatmapProps {
  cells: readonly BucketTierCell[];
}

/** Open loans by delinquency bucket and risk tier, as counts or balances; the table holds the same cells. */
export function RiskHeatmap({ cells }: RiskHeatmapProps) {
  const [measure, setMeasure] = useState<HeatmapMeasure>("loans");
  const grid = useMemo(() => heatmapGrid(cells, measure), [cells, measure]);

  const data = useMemo<Data[]>(() => {
    // Plotly draws the first row at the bottom: reversed, the riskiest tier is on top.
    const rows = [...grid.tiers].reverse();
    const z = rows.map((tier) => BUCKETS.map((bucket) => grid.value(tier, bucket)));
    return [
      {
        type: "heatmap",
        x: BUCKETS.map(bucketLabel),
        y: rows.map(tierRowLabel),
        z,
        // The figure is written in each cell: colour is never the only way to read it.
        texttemplate: "%{z:,.0f}",
        hovertemplate: `%{y}, %{x}: %{z:,.0f} ${measure === "loans" ? "loans" : "balance"}<extra></extra>`,
        // Plotly's YlOrRd runs from red to yellow: reversed, more loans are redder.
        colorscale: "YlOrRd",
        reversescale: true,
        // The cells carry their figures; a colour scale would take a phone's width for nothing.
        showscale: false,
        xgap: 2,
        ygap: 2,
      },
    ];
  }, [grid, measure]);

  const title =
    measure === "loans"
      ? "Open loans by risk tier and delinquency bucket"
      : "Outstanding balance by risk tier and delinquency bucket";

  return (
    <div className="space-y-3">
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">Show the heatmap as</legend>
        <span aria-hidden="true" className="text-sm text-slate-600">
          Show:
        </span>
        {MEASURES.map((m) => (
          <label
            key={m.value}
            className={`cursor-pointer rounded-md px-3 py-1 text-sm font-medium ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-indigo-600 ${
              measure === m.value
                ? "bg-indigo-600 text-white ring-indigo-600"
                : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            <input
              type="radio"
              name="heatmap-measure"
              value={m.value}
              checked={measure === m.value}
              onChange={() => setMeasure(m.value)}
              className="sr-only"
            />
            {m.label}
          </label>
        ))}
      </fieldset>
      <Chart
        title={title}
        data={data}
        height={300}
        layout={LAYOUT}
        table={<HeatmapTable grid={grid} measure={measure} caption={title} />}
      />
    </div>
  );
}
