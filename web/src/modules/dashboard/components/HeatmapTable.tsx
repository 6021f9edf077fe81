import { bucketLabel } from "../../loans/loanLabels";
import { BUCKETS, tierRowLabel } from "../dashboardLabels";
import { formatMeasure, type HeatmapGrid, type HeatmapMeasure } from "../heatmapGrid";

const TH = "px-3 py-2 text-left text-xs font-semibold text-slate-700";
const NUM = "px-3 py-2 text-right text-sm tabular-nums text-slate-800";
const TOTAL = `${NUM} font-semibold`;

interface HeatmapTableProps {
  grid: HeatmapGrid;
  measure: HeatmapMeasure;
  caption: string;
}

/** The heatmap's cells with each tier's and each bucket's total: the chart's table alternative. */
export function HeatmapTable({ grid, measure, caption }: HeatmapTableProps) {
  const show = (v: number) => formatMeasure(measure, v);
  const rowTotal = (tier: (typeof grid.tiers)[number]) =>
    BUCKETS.reduce((s, b) => s + grid.value(tier, b), 0);
  const columnTotal = (bucket: string) => grid.tiers.reduce((s, t) => s + grid.value(t, bucket), 0);
  const total = grid.tiers.reduce((s, t) => s + rowTotal(t), 0);

  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm" data-measure={measure}>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50">
        <tr>
          <th scope="col" className={TH}>
            Risk tier
          </th>
          {BUCKETS.map((bucket) => (
            <th key={bucket} scope="col" className={`${TH} text-right`}>
              {bucketLabel(bucket)}
            </th>
          ))}
          <th scope="col" className={`${TH} text-right`}>
            All buckets
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {grid.tiers.map((tier) => (
          <tr key={tier}>
            <th scope="row" className={TH}>
              {tierRowLabel(tier)}
            </th>
            {BUCKETS.map((bucket) => (
              <td key={bucket} className={NUM} data-cell={`${tier}:${bucket}`}>
                {show(grid.value(tier, bucket))}
              </td>
            ))}
            <td className={TOTAL} data-cell={`${tier}:ALL`}>
              {show(rowTotal(tier))}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-slate-300">
        <tr>
          <th scope="row" className={TH}>
            All tiers
          </th>
          {BUCKETS.map((bucket) => (
            <td key={bucket} className={TOTAL} data-cell={`ALL:${bucket}`}>
              {show(columnTotal(bucket))}
            </td>
          ))}
          <td className={TOTAL} data-cell="ALL:ALL">
            {show(total)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
