import { Link } from "react-router";
import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import type { LoanListItem } from "../graphql/loanList";
import { productLabel, tierLabel, tierTone } from "../loanLabels";
import { BucketBadge } from "./BucketBadge";
import { StatusBadge } from "./StatusBadge";

const HEADER_CELL = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const NUMERIC_HEADER_CELL = `${HEADER_CELL} text-right`;
const CELL = "whitespace-nowrap px-4 py-3 text-sm text-slate-700";
const NUMERIC_CELL = `${CELL} text-right tabular-nums`;
const LINK =
  "font-mono text-indigo-700 underline-offset-2 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

interface LoanTableProps {
  loans: LoanListItem[];
  busy: boolean;
  /** Names the list for screen readers ("My loans", "Loans"). */
  caption: string;
  /** Status, risk tier and amount overdue too: what a supervisor sorts and filters by. */
  detailed?: boolean;
}

const loanPath = (loan: LoanListItem) => `/loans/${encodeURIComponent(loan.id)}`;

function Tier({ loan }: { loan: LoanListItem }) {
  return loan.latestScore ? (
    <Badge tone={tierTone(loan.latestScore.tier)}>{tierLabel(loan.latestScore.tier)}</Badge>
  ) : (
    <span className="text-xs text-slate-500">Not scored</span>
  );
}

/** A table from the md breakpoint; below it each loan is a card with its bucket, days past due and balance. */
export function LoanTable({ loans, busy, caption, detailed = false }: LoanTableProps) {
  return (
    <div aria-busy={busy} className={busy ? "opacity-60" : ""}>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full divide-y divide-slate-200">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={HEADER_CELL}>
                Loan
              </th>
              <th scope="col" className={HEADER_CELL}>
                Borrower
              </th>
              <th scope="col" className={HEADER_CELL}>
                Product
              </th>
              {detailed && (
                <th scope="col" className={HEADER_CELL}>
                  Status
                </th>
              )}
              <th scope="col" className={HEADER_CELL}>
                Bucket
              </th>
              <th scope="col" className={NUMERIC_HEADER_CELL}>
                DPD
              </th>
              {detailed && (
                <>
                  <th scope="col" className={HEADER_CELL}>
                    Risk tier
                  </th>
                  <th scope="col" className={NUMERIC_HEADER_CELL}>
                    Overdue
                  </th>
                </>
              )}
              <th scope="col" className={NUMERIC_HEADER_CELL}>
                Outstanding
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {loans.map((loan) => (
              <tr key={loan.id} className="hover:bg-slate-50" data-loan={loan.externalKey}>
                <th scope="row" className={`${CELL} text-left font-medium`}>
                  <Link to={loanPath(loan)} className={LINK}>
                    {loan.externalKey}
                  </Link>
                </th>
                <td className={CELL}>{loan.borrower.fullName ?? <NotRecorded />}</td>
                <td className={CELL}>{productLabel(loan.productType)}</td>
                {detailed && (
                  <td className={CELL}>
                    <StatusBadge status={loan.status} />
                  </td>
                )}
                <td className={CELL}>
                  <BucketBadge bucket={loan.bucket} />
                </td>
                <td className={NUMERIC_CELL}>{formatInteger(loan.currentDpd)}</td>
                {detailed && (
                  <>
                    <td className={CELL}>
                      <Tier loan={loan} />
                    </td>
                    <td className={NUMERIC_CELL}>
                      {formatMoney(loan.amountOverdue, loan.currency) ?? <NotRecorded />}
                    </td>
                  </>
                )}
                <td className={NUMERIC_CELL}>
                  {formatMoney(loan.outstandingBalance, loan.currency) ?? <NotRecorded />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-2 md:hidden" aria-label={caption}>
        {loans.map((loan) => (
          <li
            key={loan.id}
            className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200"
            data-loan={loan.externalKey}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <Link to={loanPath(loan)} className={`${LINK} font-medium`}>
                {loan.externalKey}
              </Link>
              {detailed && <Tier loan={loan} />}
            </div>
            <p className="text-sm text-slate-900">{loan.borrower.fullName ?? <NotRecorded />}</p>
            <p className="text-xs text-slate-500">{productLabel(loan.productType)}</p>
            <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Bucket</dt>
                <dd data-field="bucket">
                  <BucketBadge bucket={loan.bucket} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Days past due</dt>
                <dd className="tabular-nums" data-field="dpd">
                  {formatInteger(loan.currentDpd)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Balance</dt>
                <dd className="tabular-nums" data-field="balance">
                  {formatMoney(loan.outstandingBalance, loan.currency) ?? <NotRecorded />}
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
