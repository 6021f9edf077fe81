import { useState } from "react";
import { formatInstant } from "../../../core/format/zonedTime";
import { Badge } from "../../../core/ui/Badge";
import { ZonedInstant } from "../../../core/ui/ZonedInstant";
import { useSession } from "../../auth/hooks/useSession";
import { channelName, outcomeName } from "../caseLabels";
import type { CaseBorrower, CaseContact } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";

// The latest few first: the list is long on a phone, and the newest contacts are what a call needs.
const SHOWN_FIRST = 10;

function who(contact: CaseContact, userId: string | undefined): string {
  if (contact.agentId === null) return "automated";
  return contact.agentId === userId ? "you" : "another agent";
}

function duration(seconds: number | null): string | null {
  if (seconds === null || seconds === 0) return null;
  const minutes = Math.round(seconds / 60);
  return minutes < 1 ? `${seconds} s` : `${minutes} min`;
}

/** Every contact with the borrower, newest first, on this loan and their others (the contact rules count both). */
export function ContactHistory({ borrower, loanId }: { borrower: CaseBorrower; loanId: string }) {
  const { session } = useSession();
  const { nodes, totalCount } = borrower.contacts;
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? nodes : nodes.slice(0, SHOWN_FIRST);
  return (
    <CaseSection
      id="contact-history"
      title="Contact history"
      actions={
        <span className="text-xs text-slate-600">
          {nodes.length < totalCount ? `Latest ${nodes.length} of ${totalCount}` : `${totalCount} in all`}
        </span>
      }
    >
      {nodes.length === 0 ? (
        <p className="text-sm text-slate-600">No contact with this borrower on record yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {shown.map((contact) => (
            <li key={contact.id} className="py-3 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-semibold text-slate-900">{channelName(contact.channel)}</span>
                <span className="text-slate-600">
                  {contact.direction === "OUTBOUND" ? "outbound" : "inbound"}
                </span>
                <Badge tone={contact.outcome === "PROMISE_TO_PAY" ? "success" : "neutral"}>
                  {outcomeName(contact.outcome)}
                </Badge>
                {contact.loanId !== loanId && <Badge tone="info">Another loan</Badge>}
              </div>
              <p className="mt-1 text-xs text-slate-600">
                <time dateTime={contact.startedAt}>
                  {formatInstant(contact.startedAt) ?? contact.startedAt}
                </time>
                {duration(contact.durationSeconds) && ` · ${duration(contact.durationSeconds)}`} · by{" "}
                {who(contact, session?.user.id)}
              </p>
              {contact.callbackAt && (
                <p className="mt-1 text-xs text-slate-700">
                  Callback asked for: <ZonedInstant iso={contact.callbackAt} timeZone={borrower.timeZone} />
                </p>
              )}
              {contact.notes && <p className="mt-1 text-sm break-words text-slate-800">{contact.notes}</p>}
            </li>
          ))}
        </ol>
      )}
      {nodes.length > SHOWN_FIRST && (
        <button
          type="button"
          className="mt-3 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
        >
          {showAll ? `Show the latest ${SHOWN_FIRST} only` : `Show all ${nodes.length} loaded contacts`}
        </button>
      )}
    </CaseSection>
  );
}
