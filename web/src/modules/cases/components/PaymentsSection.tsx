import { useMemo, useState } from "react";
import { Chart } from "../../../core/charts/Chart";
import { formatDate } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInstant } from "../../../core/format/zonedTime";
import type { BadgeTone } from "../../../core/ui/Badge";
import { Badge } from "../../../core/ui/Badge";
import { humanizeCode } from "../../loans/loanLabels";
import { type InstalmentState, instalmentState, paymentTimelineFigure } from "../charts/paymentTimeline";
import type { CaseLoan } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";

const STATE_TONES: Record<InstalmentState, BadgeTone> = {
  Paid: "success",
  "Part paid": "warning",
  Unpaid: "danger",
  "Not yet due": "neutral",
};

const TH = "px-2 py-1.5 text-left text-xs font-semibold text-slate-700";
const TD = "px-2 py-1.5 text-sm text-slate-900 whitespace-nowrap";
const PAYMENTS_SHOWN = 10;

/** Due against paid per instalment or statement (chart and table), and the payments received. */
export function PaymentsSection({ loan }: { loan: CaseLoan }) {
  const instalments = loan.instalments.nodes;
  const payments = loan.payments.nodes;
  const [allPayments, setAllPayments] = useState(false);
  const figure = useMemo(
    () => paymentTimelineFigure(instalments, payments, loan.currency),
    [instalments, payments, loan.currency],
  );
  const money = (amount: string) => formatMoney(amount, loan.currency) ?? amount;
  const statements = instalments.some((i) => i.kind === "STATEMENT");
  const shownPayments = allPayments ? payments : payments.slice(0, PAYMENTS_SHOWN);

  return (
    <CaseSection id="payments" title="Payments">
      {instalments.length === 0 && payments.length === 0 ? (
        <p className="text-sm text-slate-600">No schedule or payment on record for this loan.</p>
      ) : (
        <div className="space-y-4">
          <Chart
            title={statements ? "Due and paid per statement" : "Due and paid per instalment"}
            data={figure.data}
            layout={figure.layout}
            height={300}
            table={
              <table className="min-w-full divide-y divide-slate-200">
                <caption className="sr-only">
                  Each {statements ? "statement" : "instalment"}: amount due, paid against it, and its state
                  on {formatDate(loan.portfolio.asOfDate)}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className={TH}>
                      #
                    </th>
                    <th scope="col" className={TH}>
                      Due on
                    </th>
                    <th scope="col" className={`${TH} text-right`}>
                      Due
                    </th>
                    <th scope="col" className={`${TH} text-right`}>
                      Paid
                    </th>
                    <th scope="col" className={TH}>
                      Paid on
                    </th>
                    <th scope="col" className={TH}>
                      State
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {instalments.map((i) => {
                    const state = instalmentState(i, loan.portfolio.asOfDate);
                    return (
                      <tr key={i.id}>
                        <td className={TD}>{i.sequence}</td>
                        <td className={TD}>{formatDate(i.dueDate) ?? i.dueDate}</td>
                        <td className={`${TD} text-right tabular-nums`}>{money(i.amountDue)}</td>
                        <td className={`${TD} text-right tabular-nums`}>{money(i.amountPaid)}</td>
                        <td className={TD}>{formatDate(i.paidDate) ?? "—"}</td>
                        <td className={TD}>
                          <Badge tone={STATE_TONES[state]}>{state}</Badge>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            }
          />
          {loan.instalments.totalCount > instalments.length && (
            <p className="text-xs text-slate-600">
              The first {instalments.length} of {loan.instalments.totalCount} amounts due are shown.
            </p>
          )}
          <div>
            <h3 className="text-sm font-semibold text-slate-900">Payments received, latest first</h3>
            {payments.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">No payment received.</p>
            ) : (
              <>
                <ol className="mt-2 divide-y divide-slate-100">
                  {shownPayments.map((p) => (
                    <li
                      key={p.id}
                      className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5 text-sm"
                    >
                      <span className="text-slate-700">
                        <time dateTime={p.paidAt}>{formatInstant(p.paidAt) ?? p.paidAt}</time>
                        {p.channel && ` · ${humanizeCode(p.channel)}`}
                      </span>
                      <span className="font-medium text-slate-900 tabular-nums">
                        {p.type === "PAYMENT" ? "" : `${humanizeCode(p.type)}: `}
                        {money(p.amount)}
                      </span>
                    </li>
                  ))}
                </ol>
                {payments.length > PAYMENTS_SHOWN && (
                  <button
                    type="button"
                    className="mt-2 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                    aria-expanded={allPayments}
                    onClick={() => setAllPayments(!allPayments)}
                  >
                    {allPayments ? "Show the latest only" : `Show all ${payments.length} payments`}
                  </button>
                )}
              </>
            )}
          </div>
        </div>
      )}
    </CaseSection>
  );
}
