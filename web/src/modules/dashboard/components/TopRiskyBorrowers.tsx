import { Link } from "react-router";
import { formatInteger } from "../../../core/format/numbers";
import { formatAmount, formatShare } from "../../../core/format/shares";
import { Badge } from "../../../core/ui/Badge";
import { EmptyState } from "../../../core/ui/EmptyState";
import { TEXT_LINK } from "../../../core/ui/fieldStyles";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { tierLabel, tierTone } from "../../loans/loanLabels";
import type { RiskyBorrower } from "../graphql/portfolioSummary";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const TD = "whitespace-nowrap px-3 py-2 text-sm text-slate-700";
const NUM = `${TD} text-right tabular-nums`;

const loanPath = (b: RiskyBorrower) => `/loans/${encodeURIComponent(b.loanId)}`;
const name = (b: RiskyBorrower) => b.borrowerName ?? "Name not recorded";

/** The borrowers most likely to default, each with the loan that makes them so (linked to its page). */
export function TopRiskyBorrowers({ borrowers }: { borrowers: readonly RiskyBorrower[] }) {
  if (borrowers.length === 0) {
    return (
      <EmptyState title="No scored open loans">Borrowers appear here once their loans are scored.</EmptyState>
    );
  }
  return (
    <>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full divide-y divide-slate-200">
          <caption className="sr-only">The riskiest borrowers, riskiest first</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={TH}>
                Borrower
              </th>
              <th scope="col" className={TH}>
                Loan
              </th>
              <th scope="col" className={TH}>
                Risk tier
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Default probability
              </th>
              <th scope="col" className={TH}>
                Bucket
              </th>
              <th scope="col" className={`${TH} text-right`}>
                DPD
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Overdue
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {borrowers.map((b) => (
              <tr key={b.borrowerId}>
                <th scope="row" className={`${TD} text-left font-medium text-slate-900`}>
                  {name(b)}
                </th>
                <td className={TD}>
                  <Link to={loanPath(b)} className={`font-mono ${TEXT_LINK}`}>
                    {b.loanExternalKey}
                  </Link>
                </td>
                <td className={TD}>
                  <Badge tone={tierTone(b.tier)}>{tierLabel(b.tier)}</Badge>
                </td>
                <td className={NUM}>{formatShare(b.probability)}</td>
                <td className={TD}>
                  <BucketBadge bucket={b.bucket} />
                </td>
                <td className={NUM}>{formatInteger(b.daysPastDue)}</td>
                <td className={NUM}>{formatAmount(b.amountOverdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className="space-y-2 md:hidden" aria-label="The riskiest borrowers, riskiest first">
        {borrowers.map((b) => (
          <li key={b.borrowerId} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
            <div className="flex items-start justify-between gap-2">
              <p className="font-medium text-slate-900">{name(b)}</p>
              <Badge tone={tierTone(b.tier)}>{tierLabel(b.tier)}</Badge>
            </div>
            <Link to={loanPath(b)} className={`font-mono text-sm ${TEXT_LINK}`}>
              {b.loanExternalKey}
            </Link>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">Bucket</dt>
              <dd>
                <BucketBadge bucket={b.bucket} />
              </dd>
              <dt className="text-slate-500">Days past due</dt>
              <dd className="tabular-nums">{formatInteger(b.daysPastDue)}</dd>
              <dt className="text-slate-500">Default probability</dt>
              <dd className="tabular-nums">{formatShare(b.probability)}</dd>
              <dt className="text-slate-500">Overdue</dt>
              <dd className="tabular-nums">{formatAmount(b.amountOverdue)}</dd>
            </dl>
          </li>
        ))}
      </ol>
    </>
  );
}
