import { formatDate } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInstant } from "../../../core/format/zonedTime";
import { Badge } from "../../../core/ui/Badge";
import { promiseStatusName, promiseStatusTone } from "../caseLabels";
import type { CaseLoan } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";

function resolution(status: string, cancelReason: string | null): string {
  if (status === "CANCELLED")
    return cancelReason === "SUPERSEDED" ? "replaced by a newer promise" : "withdrawn";
  if (status === "KEPT") return "kept";
  return "broken";
}

/** The loan's promises to pay, latest logged first, with their states (kept and broken come from payments). */
export function PromiseList({ loan }: { loan: CaseLoan }) {
  const { nodes, totalCount } = loan.promises;
  return (
    <CaseSection
      id="promise-history"
      title="Promises to pay"
      actions={
        <span className="text-xs text-slate-600">
          {nodes.length < totalCount ? `Latest ${nodes.length} of ${totalCount}` : `${totalCount} in all`}
        </span>
      }
    >
      {nodes.length === 0 ? (
        <p className="text-sm text-slate-600">No promise to pay on this loan yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {nodes.map((promise) => (
            <li
              key={promise.id}
              className="flex flex-wrap items-start justify-between gap-2 py-3 first:pt-0 last:pb-0"
            >
              <div>
                <p className="text-sm font-semibold text-slate-900">
                  {formatMoney(promise.amount, loan.currency) ?? promise.amount} by{" "}
                  {formatDate(promise.promisedDate) ?? promise.promisedDate}
                  {promise.arrangementId && promise.sequence !== null && (
                    <span className="font-normal text-slate-600">
                      {" "}
                      · instalment {promise.sequence} of a plan
                    </span>
                  )}
                </p>
                <p className="mt-0.5 text-xs text-slate-600">
                  Logged {formatInstant(promise.createdAt) ?? promise.createdAt}
                  {promise.resolvedAt &&
                    ` · ${resolution(promise.status, promise.cancelReason)} ${formatInstant(promise.resolvedAt) ?? promise.resolvedAt}`}
                </p>
              </div>
              <Badge tone={promiseStatusTone(promise.status)}>{promiseStatusName(promise.status)}</Badge>
            </li>
          ))}
        </ol>
      )}
    </CaseSection>
  );
}
