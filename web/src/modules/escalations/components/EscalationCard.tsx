import { useId, useState } from "react";
import { Link } from "react-router";
import { formatDateTime } from "../../../core/format/dateTime";
import { Badge } from "../../../core/ui/Badge";
import { PRIMARY_BUTTON, TEXT_LINK } from "../../../core/ui/buttonStyles";
import { outcomeLabel, priorityTone, reasonLabel } from "../escalationLabels";
import type { EscalationItem } from "../graphql/escalationQueue";
import { useTakeEscalation } from "../hooks/useEscalationActions";
import { EscalationFacts } from "./EscalationFacts";
import { EscalationReason } from "./EscalationReason";
import { ResolveEscalationForm } from "./ResolveEscalationForm";

interface Props {
  escalation: EscalationItem;
  /** Recovery managers and admins take and resolve; supervisors only follow their team's cases. */
  canWork: boolean;
  userId: string;
  onResolved: (resolved: EscalationItem) => void;
}

export function EscalationCard({ escalation, canWork, userId, onResolved }: Props) {
  const titleId = useId();
  const [resolving, setResolving] = useState(false);
  const { take, loading: taking, error: takeError } = useTakeEscalation();
  const { loan, status } = escalation;
  const overdue = status !== "DONE" && Date.parse(escalation.dueAt) < Date.now();

  return (
    <article aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold break-words text-slate-900">
            <span className="font-mono">{loan.externalKey}</span>
            <span className="font-normal text-slate-600"> · </span>
            {loan.borrower.fullName ?? "Borrower name not recorded"}
          </h2>
          <p className="text-sm text-slate-600">
            {status === "DONE" ? "Was due" : "Act by"} {formatDateTime(escalation.dueAt) ?? escalation.dueAt}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Badge tone={priorityTone(escalation.priority)}>Priority {escalation.priority}</Badge>
          {overdue && <Badge tone="danger">Overdue</Badge>}
          <Badge tone="info">{reasonLabel(escalation.reason)}</Badge>
        </div>
      </header>

      <div className="grid gap-4 px-4 py-3 md:grid-cols-2">
        <EscalationReason escalation={escalation} />
        <EscalationFacts loan={loan} />
      </div>

      <footer className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3">
        <StatusLine escalation={escalation} userId={userId} />
        <div className="flex flex-wrap items-center gap-3">
          <Link to={`/loans/${encodeURIComponent(loan.id)}`} className={`text-sm ${TEXT_LINK}`}>
            Open case<span className="sr-only"> {loan.externalKey}</span>
          </Link>
          {canWork && status === "OPEN" && (
            <button
              type="button"
              className={PRIMARY_BUTTON}
              disabled={taking}
              onClick={() => void take(escalation.id).catch(() => undefined)}
            >
              {taking ? "Taking…" : "Take"}
              <span className="sr-only"> {loan.externalKey}</span>
            </button>
          )}
          {canWork && status === "IN_PROGRESS" && !resolving && (
            <button type="button" className={PRIMARY_BUTTON} onClick={() => setResolving(true)}>
              Resolve<span className="sr-only"> {loan.externalKey}</span>
            </button>
          )}
        </div>
        {takeError && (
          <p role="alert" className="w-full text-sm text-red-800">
            Could not take this escalation: {takeError.message}
          </p>
        )}
      </footer>

      {canWork && status === "IN_PROGRESS" && resolving && (
        <ResolveEscalationForm
          escalation={escalation}
          onCancel={() => setResolving(false)}
          onResolved={(resolved) => {
            setResolving(false);
            onResolved(resolved);
          }}
        />
      )}
    </article>
  );
}

function StatusLine({ escalation, userId }: { escalation: EscalationItem; userId: string }) {
  const { status, takenBy, takenAt, outcome, resolvedBy, resolvedAt, resolutionNote } = escalation;
  if (status === "OPEN") {
    return <p className="text-sm text-slate-700">Waiting for a recovery manager.</p>;
  }
  if (status === "IN_PROGRESS") {
    const who = takenBy?.id === userId ? "you" : (takenBy?.displayName ?? "a recovery manager");
    return (
      <p className="text-sm text-slate-700">
        <Badge tone="warning">Taken</Badge> by {who}
        {takenAt ? ` on ${formatDateTime(takenAt)}` : ""}
      </p>
    );
  }
  return (
    <div className="text-sm text-slate-700">
      <p>
        <Badge tone="success">Resolved</Badge>{" "}
        <span className="font-semibold text-slate-900">{outcome ? outcomeLabel(outcome) : "No outcome"}</span>
        {resolvedBy ? ` by ${resolvedBy.displayName}` : ""}
        {resolvedAt ? ` on ${formatDateTime(resolvedAt)}` : ""}
      </p>
      {resolutionNote && <p className="mt-1 whitespace-pre-line text-slate-800">“{resolutionNote}”</p>}
    </div>
  );
}
