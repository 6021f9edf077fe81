import { Link } from "react-router";
import { formatTimeIn } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { TEXT_LINK } from "../../../core/ui/fieldStyles";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { StatusBadge } from "../../loans/components/StatusBadge";
import { humanizeCode, productLabel } from "../../loans/loanLabels";
import type { BorrowerResult } from "../graphql/searchBorrowers";

/** One borrower found: who they are, where, their local time, any contact restriction, and their loans. */
export function BorrowerResultCard({ borrower: b }: { borrower: BorrowerResult }) {
  const place = [b.city, b.region].filter(Boolean).join(", ");
  const localTime = formatTimeIn(b.timeZone);
  const more = b.loans.totalCount - b.loans.nodes.length;
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-base font-semibold text-slate-900">{b.fullName ?? "Name not recorded"}</h3>
        <span className="font-mono text-xs text-slate-500">{b.externalKey}</span>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {[place, b.phone, b.email].filter(Boolean).join(" · ") || <NotRecorded />}
        {localTime && (
          <span className="block text-xs text-slate-500">
            Their local time: {localTime} ({b.timeZone})
          </span>
        )}
      </p>
      {b.contactRestrictions.length > 0 && (
        <p className="mt-2 flex flex-wrap items-center gap-1 text-xs text-slate-700">
          <span>Contact restricted:</span>
          {b.contactRestrictions.map((r) => (
            <Badge key={r} tone="danger">
              {humanizeCode(r)}
            </Badge>
          ))}
        </p>
      )}
      <h4 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-600">Loans</h4>
      {b.loans.nodes.length === 0 ? (
        <p className="text-sm text-slate-600">None in your scope.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {b.loans.nodes.map((loan) => (
            <li key={loan.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <Link to={`/loans/${encodeURIComponent(loan.id)}`} className={`font-mono ${TEXT_LINK}`}>
                {loan.externalKey}
              </Link>
              <span className="text-slate-600">{productLabel(loan.productType)}</span>
              <StatusBadge status={loan.status} />
              <BucketBadge bucket={loan.bucket} />
              <span className="tabular-nums text-slate-700">{formatInteger(loan.currentDpd)} DPD</span>
              <span className="tabular-nums text-slate-700">
                {formatMoney(loan.outstandingBalance, loan.currency) ?? <NotRecorded />} outstanding
              </span>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p className="mt-1 text-xs text-slate-500">and {formatInteger(more)} more loans</p>}
    </li>
  );
}
