import { formatDateTime } from "../../../core/format/dateTime";
import { formatMinutes } from "../../../core/format/instants";
import { reasonLabel } from "../escalationLabels";
import type { EscalationItem } from "../graphql/escalationQueue";

/** Why the case is here: the escalating person's reason and note, or the policy's, and the score's reasons. */
export function EscalationReason({ escalation }: { escalation: EscalationItem }) {
  const { reason, note, escalatedBy, escalatedAt, ageMinutes, status, loan } = escalation;
  const by = escalatedBy ? escalatedBy.displayName : "the recommendation policy";
  const reasons = loan.latestScore?.reasons.slice(0, 3) ?? [];
  return (
    <div>
      <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Why it was escalated</h3>
      <p className="mt-1 text-sm font-semibold text-slate-900">{reasonLabel(reason)}</p>
      {note ? (
        <blockquote className="mt-1 border-l-4 border-slate-200 pl-3 text-sm whitespace-pre-line text-slate-800">
          {note}
        </blockquote>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No note.</p>
      )}
      <p className="mt-2 text-xs text-slate-600">
        Escalated by {by} on {formatDateTime(escalatedAt) ?? escalatedAt}
        {status === "DONE"
          ? ` · resolved after ${formatMinutes(ageMinutes)}`
          : ` · waiting ${formatMinutes(ageMinutes)}`}
      </p>
      {reasons.length > 0 && (
        <>
          <h4 className="mt-3 text-xs font-semibold tracking-wide text-slate-600 uppercase">Score reasons</h4>
          <ul className="mt-1 space-y-0.5 text-sm text-slate-800">
            {reasons.map((r) => (
              <li key={r.feature}>
                <span aria-hidden="true">{r.direction === "RAISES_RISK" ? "▲ " : "▼ "}</span>
                <span className="sr-only">
                  {r.direction === "RAISES_RISK" ? "Raises risk: " : "Lowers risk: "}
                </span>
                {r.sentence}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
