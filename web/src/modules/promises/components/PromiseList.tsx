import { Link } from "react-router";
import { formatDate } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { SECONDARY_BUTTON, TEXT_LINK } from "../../../core/ui/fieldStyles";
import { LoadingState } from "../../../core/ui/LoadingState";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import type { PromiseFilter } from "../../../gql/graphql";
import { BucketBadge } from "../../loans/components/BucketBadge";
import type { PromiseItem } from "../graphql/promises";
import { usePromiseList } from "../hooks/usePromiseList";
import { PROMISE_STATUS_LABELS, PROMISE_STATUS_TONES } from "../promiseLabels";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const TD = "whitespace-nowrap px-3 py-2 text-sm text-slate-700";

function Status({ promise }: { promise: PromiseItem }) {
  return <Badge tone={PROMISE_STATUS_TONES[promise.status]}>{PROMISE_STATUS_LABELS[promise.status]}</Badge>;
}

function Kind({ promise }: { promise: PromiseItem }) {
  return promise.arrangementId ? (
    <span className="text-xs text-slate-500">Arrangement instalment {promise.sequence ?? ""}</span>
  ) : (
    <span className="text-xs text-slate-500">Promise to pay</span>
  );
}

const loanLink = (p: PromiseItem) => (
  <Link to={`/loans/${encodeURIComponent(p.loan.id)}`} className={`font-mono ${TEXT_LINK}`}>
    {p.loan.externalKey}
  </Link>
);

interface PromiseListProps {
  /** Heads the section; its id labels it. */
  title: string;
  headingId: string;
  filter: PromiseFilter;
  emptyText: string;
}

/** One list of promises (a section of the page), soonest promised first, with more on request. */
export function PromiseList({ title, headingId, filter, emptyText }: PromiseListProps) {
  const { page, loading, error, retry, showMore } = usePromiseList(filter);
  const count = page ? ` (${formatInteger(page.totalCount)})` : "";
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {title}
        {count}
      </h2>
      {error && !loading ? (
        <ErrorState title={`Could not load ${title.toLowerCase()}`} message={error.message} onRetry={retry} />
      ) : page === undefined ? (
        <LoadingState label="Loading promises…" />
      ) : page.nodes.length === 0 ? (
        <EmptyState title={`No ${title.toLowerCase()}`}>{emptyText}</EmptyState>
      ) : (
        <div aria-busy={loading}>
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
            <table className="min-w-full divide-y divide-slate-200">
              <caption className="sr-only">{title}</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={TH}>
                    Loan
                  </th>
                  <th scope="col" className={TH}>
                    Borrower
                  </th>
                  <th scope="col" className={`${TH} text-right`}>
                    Amount
                  </th>
                  <th scope="col" className={TH}>
                    Promised by
                  </th>
                  <th scope="col" className={TH}>
                    Status
                  </th>
                  <th scope="col" className={TH}>
                    Resolved
                  </th>
                  <th scope="col" className={TH}>
                    Bucket now
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.nodes.map((p) => (
                  <tr key={p.id}>
                    <th scope="row" className={`${TD} text-left font-medium`}>
                      {loanLink(p)}
                      <span className="block">
                        <Kind promise={p} />
                      </span>
                    </th>
                    <td className={TD}>{p.loan.borrower.fullName ?? <NotRecorded />}</td>
                    <td className={`${TD} text-right tabular-nums`}>
                      {formatMoney(p.amount, p.loan.currency)}
                    </td>
                    <td className={TD}>{formatDate(p.promisedDate)}</td>
                    <td className={TD}>
                      <Status promise={p} />
                    </td>
                    <td className={TD}>{formatDate(p.resolvedAt) ?? <NotRecorded />}</td>
                    <td className={TD}>
                      <BucketBadge bucket={p.loan.bucket} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-2 md:hidden" aria-label={title}>
            {page.nodes.map((p) => (
              <li key={p.id} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  {loanLink(p)}
                  <Status promise={p} />
                </div>
                <p className="text-sm text-slate-900">{p.loan.borrower.fullName ?? <NotRecorded />}</p>
                <Kind promise={p} />
                <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-500">Amount</dt>
                  <dd className="tabular-nums">{formatMoney(p.amount, p.loan.currency)}</dd>
                  <dt className="text-slate-500">Promised by</dt>
                  <dd>{formatDate(p.promisedDate)}</dd>
                  <dt className="text-slate-500">Bucket now</dt>
                  <dd>
                    <BucketBadge bucket={p.loan.bucket} />
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
          {page.pageInfo.hasNextPage && (
            <div className="mt-3 flex items-center gap-3">
              <button type="button" className={SECONDARY_BUTTON} onClick={showMore} disabled={loading}>
                Show more
              </button>
              <span className="text-sm text-slate-600">
                {formatInteger(page.nodes.length)} of {formatInteger(page.totalCount)} shown
              </span>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
