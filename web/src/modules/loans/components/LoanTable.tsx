import { Link } from "react-router";
import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import type { LoanListItem } from "../graphql/loanList";
import { productLabel } from "../loanLabels";
import { BucketBadge } from "./BucketBadge";

const HEADER_CELL = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const NUMERIC_HEADER_CELL = `${HEADER_CELL} text-right`;
const CELL = "whitespace-nowrap px-4 py-3 text-sm text-slate-700";
const NUMERIC_CELL = `${CELL} text-right tabular-nums`;

interface LoanTableProps {
  loans: LoanListItem[];
  busy: boolean;
}

export function LoanTable({ loans, busy }: LoanTableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table aria-busy={busy} className={`min-w-full divide-y divide-slate-200 ${busy ? "opacity-60" : ""}`}>
        <caption className="sr-only">My loans</caption>
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
            <th scope="col" className={HEADER_CELL}>
              Bucket
            </th>
            <th scope="col" className={NUMERIC_HEADER_CELL}>
              DPD
            </th>
            <th scope="col" className={NUMERIC_HEADER_CELL}>
              Outstanding
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {loans.map((loan) => {
            const outstanding = formatMoney(loan.outstandingBalance, loan.currency);
            return (
              <tr key={loan.id} className="hover:bg-slate-50">
                <th scope="row" className={`${CELL} text-left font-medium`}>
                  <Link
                    to={`/loans/${encodeURIComponent(loan.id)}`}
                    className="font-mono text-indigo-700 underline-offset-2 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                  >
                    {loan.externalKey}
                  </Link>
                </th>
                <td className={CELL}>{loan.borrower.fullName ?? <NotRecorded />}</td>
                <td className={CELL}>{productLabel(loan.productType)}</td>
                <td className={CELL}>
                  <BucketBadge bucket={loan.bucket} />
                </td>
                <td className={NUMERIC_CELL}>{formatInteger(loan.currentDpd)}</td>
                <td className={NUMERIC_CELL}>{outstanding ?? <NotRecorded />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
