import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatInteger } from "../../../core/format/numbers";
import { SECONDARY_BUTTON, TEXT_LINK } from "../../../core/ui/buttonStyles";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useSession } from "../../auth/hooks/useSession";
import { outcomeLabel, QUEUE_VIEWS, type QueueStatus } from "../escalationLabels";
import type { EscalationItem } from "../graphql/escalationQueue";
import { useEscalationQueue } from "../hooks/useEscalationQueue";
import { EscalationCard } from "./EscalationCard";
import { QueueTabs } from "./QueueTabs";

function parseStatus(raw: string | null): QueueStatus {
  return QUEUE_VIEWS.find((v) => v.status === raw)?.status ?? "OPEN";
}

export function EscalationsPage() {
  const { session } = useSession();
  const role = session?.user.role;
  if (role === "AGENT" || !session) return <NoAccess />;
  return <EscalationQueue userId={session.user.id} canWork={role === "MANAGER" || role === "ADMIN"} />;
}

function NoAccess() {
  return (
    <>
      <title>Escalations · CreditPathAI</title>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">Escalations</h1>
      <EmptyState title="You have no access to the escalation queue">
        Recovery managers work escalated cases. To escalate one of your cases, open it from your{" "}
        <Link to="/worklist" className={TEXT_LINK}>
          worklist
        </Link>
        .
      </EmptyState>
    </>
  );
}

function EscalationQueue({ userId, canWork }: { userId: string; canWork: boolean }) {
  const [searchParams] = useSearchParams();
  const status = parseStatus(searchParams.get("status"));
  const view = QUEUE_VIEWS.find((v) => v.status === status) ?? QUEUE_VIEWS[0];
  const { page, loading, loadingMore, error, refetch, loadMore } = useEscalationQueue(status);
  const [notice, setNotice] = useState<string | null>(null);

  const onResolved = (resolved: EscalationItem) => {
    const outcome = resolved.outcome ? outcomeLabel(resolved.outcome) : "resolved";
    setNotice(`Escalation of ${resolved.loan.externalKey} resolved: ${outcome}.`);
  };

  return (
    <>
      <title>{`Escalations (${view.label}) · CreditPathAI`}</title>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Escalations</h1>
        <p className="mt-1 text-sm text-slate-600">
          {canWork
            ? "Cases sent to the recovery managers, most urgent first, then the longest waiting. Take a case to work it, then resolve it with its outcome."
            : "Your team's escalated cases, most urgent first. Recovery managers take and resolve them; you follow them here."}
        </p>
      </div>
      <QueueTabs current={status} />
      <div role="status" aria-live="polite" className={notice ? "mb-4" : undefined}>
        {notice && (
          <p className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
            {notice}
          </p>
        )}
      </div>
      {error && !loading ? (
        <ErrorState
          title="Could not load the escalation queue"
          message={`${error.message} Check your connection and try again.`}
          onRetry={refetch}
        />
      ) : page === undefined ? (
        <LoadingState label="Loading escalations…" />
      ) : page.nodes.length === 0 ? (
        <EmptyState title={`No ${view.label.toLowerCase()} escalations`}>{view.empty}</EmptyState>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">
            Showing {formatInteger(page.nodes.length)} of {formatInteger(page.totalCount)}
          </p>
          <ul aria-label={`${view.label} escalations`} aria-busy={loading} className="space-y-4">
            {page.nodes.map((escalation) => (
              <li key={escalation.id}>
                <EscalationCard
                  escalation={escalation}
                  canWork={canWork}
                  userId={userId}
                  onResolved={onResolved}
                />
              </li>
            ))}
          </ul>
          {page.pageInfo.hasNextPage && (
            <div className="mt-4 flex justify-center">
              <button type="button" className={SECONDARY_BUTTON} onClick={loadMore} disabled={loadingMore}>
                {loadingMore ? "Loading…" : "Show more"}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
