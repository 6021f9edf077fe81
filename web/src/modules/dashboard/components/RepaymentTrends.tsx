import type { Data, Layout } from "plotly.js";
import { useMemo } from "react";
import { Chart } from "../../../core/charts/Chart";
import { formatInteger } from "../../../core/format/numbers";
import { formatAmount, formatShare } from "../../../core/format/shares";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { monthLabel } from "../dashboardLabels";
import type { MonthFigures } from "../graphql/portfolioSummary";

const TH = "px-3 py-2 text-left text-xs font-semibold text-slate-700";
const NUM = "px-3 py-2 text-right text-sm tabular-nums text-slate-800";

const MONEY_LAYOUT: Partial<Layout> = {
  barmode: "group",
  legend: { orientation: "h", y: -0.2 },
  yaxis: { title: { text: "Amount" }, rangemode: "tozero" },
};

const RATE_LAYOUT: Partial<Layout> = {
  legend: { orientation: "h", y: -0.2 },
  yaxis: { title: { text: "Share of loans" }, tickformat: ".0%", rangemode: "tozero" },
};

function Share({ value }: { value: number | null }) {
  return <>{formatShare(value) ?? <NotRecorded />}</>;
}

/** Money due against money collected per month, and how delinquent loans cured or rolled forward. */
export function RepaymentTrends({ months }: { months: readonly MonthFigures[] }) {
  const labels = useMemo(() => months.map((m) => monthLabel(m.month)), [months]);

  const money = useMemo<Data[]>(
    () => [
      { type: "bar", name: "Due", x: labels, y: months.map((m) => m.due), marker: { color: "#94a3b8" } },
      {
        type: "bar",
        name: "Collected",
        x: labels,
        y: months.map((m) => m.collected),
        marker: { color: "#4f46e5" },
      },
    ],
    [labels, months],
  );

  const rates = useMemo<Data[]>(
    () => [
      {
        type: "scatter",
        mode: "lines+markers",
        name: "Cure rate",
        x: labels,
        y: months.map((m) => m.cureRate),
        line: { color: "#059669" },
        marker: { symbol: "circle" },
      },
      {
        type: "scatter",
        mode: "lines+markers",
        name: "Roll-forward rate",
        x: labels,
        y: months.map((m) => m.rollForwardRate),
        line: { color: "#dc2626", dash: "dash" },
        marker: { symbol: "square" },
      },
      {
        type: "scatter",
        mode: "lines+markers",
        name: "Collection rate",
        x: labels,
        y: months.map((m) => m.collectionRate),
        line: { color: "#4f46e5", dash: "dot" },
        marker: { symbol: "diamond" },
      },
    ],
    [labels, months],
  );

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Chart
        title="Due and collected by month"
        data={money}
        layout={MONEY_LAYOUT}
        table={
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">Due and collected by month</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={TH}>
                  Month
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Due
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Collected
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Collection rate
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {months.map((m, i) => (
                <tr key={m.month}>
                  <th scope="row" className={TH}>
                    {labels[i]}
                  </th>
                  <td className={NUM}>{formatAmount(m.due)}</td>
                  <td className={NUM}>{formatAmount(m.collected)}</td>
                  <td className={NUM}>
                    <Share value={m.collectionRate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Chart
        title="Cure, roll-forward and collection rates by month"
        data={rates}
        layout={RATE_LAYOUT}
        table={
          <table className="min-w-full divide-y divide-slate-200">
            <caption className="sr-only">Cure, roll-forward and collection rates by month</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={TH}>
                  Month
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Cure rate
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Roll-forward rate
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Collection rate
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Loans tracked
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {months.map((m, i) => (
                <tr key={m.month}>
                  <th scope="row" className={TH}>
                    {labels[i]}
                  </th>
                  <td className={NUM}>
                    <Share value={m.cureRate} />
                  </td>
                  <td className={NUM}>
                    <Share value={m.rollForwardRate} />
                  </td>
                  <td className={NUM}>
                    <Share value={m.collectionRate} />
                  </td>
                  <td className={NUM}>{formatInteger(m.loansTracked)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
