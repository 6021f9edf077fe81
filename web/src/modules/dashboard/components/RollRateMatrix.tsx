import type { Data, Layout } from "plotly.js";
import { useMemo } from "react";
import { Chart } from "../../../core/charts/Chart";
import { formatDate } from "../../../core/format/dates";
import { formatInteger } from "../../../core/format/numbers";
import { formatShare } from "../../../core/format/shares";
import { bucketLabel } from "../../loans/loanLabels";
import { BUCKETS } from "../dashboardLabels";
import type { RollRates } from "../graphql/portfolioSummary";

const TH = "px-3 py-2 text-left text-xs font-semibold text-slate-700";
const NUM = "px-3 py-2 text-right text-sm tabular-nums text-slate-800";

const LAYOUT: Partial<Layout> = {
  margin: { l: 8, r: 8, t: 8, b: 8 },
  xaxis: { title: { text: "Bucket a month later" }, automargin: true },
  yaxis: { title: { text: "Bucket at the month's start" }, automargin: true },
};

/** Month-on-month bucket transitions: where the loans of each bucket were a month later. */
export function RollRateMatrix({ rollRates }: { rollRates: RollRates }) {
  const cell = useMemo(() => {
    const map = new Map(rollRates.transitions.map((t) => [`${t.fromBucket}:${t.toBucket}`, t]));
    return (from: string, to: string) => map.get(`${from}:${to}`);
  }, [rollRates]);
  // Only the buckets loans started in: an empty row says nothing.
  const fromBuckets = useMemo(
    () => BUCKETS.filter((b) => rollRates.transitions.some((t) => t.fromBucket === b)),
    [rollRates],
  );

  const data = useMemo<Data[]>(() => {
    const rows = [...fromBuckets].reverse();
    const z = rows.map((from) => BUCKETS.map((to) => cell(from, to)?.rate ?? 0));
    return [
      {
        type: "heatmap",
        x: BUCKETS.map(bucketLabel),
        y: rows.map(bucketLabel),
        z,
        texttemplate: "%{z:.1%}",
        hovertemplate: "From %{y} to %{x}: %{z:.1%}<extra></extra>",
        // Plotly's Blues runs from dark to light: reversed, a larger share is darker.
        colorscale: "Blues",
        reversescale: true,
        zmin: 0,
        zmax: 1,
        showscale: false,
        xgap: 2,
        ygap: 2,
      },
    ];
  }, [fromBuckets, cell]);

  const period = `${formatDate(rollRates.from) ?? rollRates.from} to ${formatDate(rollRates.to) ?? rollRates.to}`;
  const title = `Roll rates between buckets, ${period}`;

  return (
    <Chart
      title={title}
      data={data}
      layout={LAYOUT}
      table={
        <table className="min-w-full divide-y divide-slate-200">
          <caption className="sr-only">
            {title}: share of loan-months (and how many) from each bucket to each
          </caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={TH}>
                From \ to
              </th>
              {BUCKETS.map((b) => (
                <th key={b} scope="col" className={`${TH} text-right`}>
                  {bucketLabel(b)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {fromBuckets.map((from) => (
              <tr key={from}>
                <th scope="row" className={TH}>
                  {bucketLabel(from)}
                </th>
                {BUCKETS.map((to) => {
                  const t = cell(from, to);
                  return (
                    <td key={to} className={NUM}>
                      {t ? `${formatShare(t.rate)} (${formatInteger(t.loans)})` : "0"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
