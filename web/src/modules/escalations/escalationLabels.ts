import type { BadgeTone } from "../../core/ui/Badge";
import type { EscalationOutcome, EscalationReason, TaskStatus } from "../../gql/graphql";

// Record<> over the generated enums: a value the API adds makes the compiler point here.

export const REASON_LABELS: Record<EscalationReason, string> = {
  RECOMMENDED: "Routed by the policy",
  BROKEN_PROMISES: "Broken promises",
  REFUSED_TO_PAY: "Refuses to pay",
  DISPUTE: "Disputes the debt",
  HARDSHIP: "Hardship",
  UNCONTACTABLE: "Cannot be reached",
  FRAUD_SUSPECTED: "Fraud suspected",
  OTHER: "Other",
};

export const OUTCOME_LABELS: Record<EscalationOutcome, string> = {
  RETURNED_TO_AGENT: "Returned to an agent",
  ARRANGEMENT_AGREED: "Arrangement agreed",
  PLACED_WITH_AGENCY: "Placed with an agency",
  PLACED_WITH_LEGAL: "Placed with legal",
  WRITTEN_OFF: "Written off",
};

/** What each outcome does to the loan, said before the manager commits to it. */
export const OUTCOME_EFFECTS: Record<EscalationOutcome, string> = {
  RETURNED_TO_AGENT: "The agent you choose gets a new task on the loan, with your note.",
  ARRANGEMENT_AGREED: "You agreed a plan with the borrower: the loan goes back to normal collection work.",
  PLACED_WITH_AGENCY: "A collection agency takes over: agents get no more tasks on this loan.",
  PLACED_WITH_LEGAL: "Legal takes over: the borrower is put under legal hold, so nobody contacts them.",
  WRITTEN_OFF: "The loan is charged off and gets no more agent tasks.",
};

export const OUTCOMES: EscalationOutcome[] = [
  "RETURNED_TO_AGENT",
  "ARRANGEMENT_AGREED",
  "PLACED_WITH_AGENCY",
  "PLACED_WITH_LEGAL",
  "WRITTEN_OFF",
];

/** The queue's states as a manager names them. */
export const QUEUE_VIEWS = [
  { status: "OPEN", label: "Waiting", empty: "No escalation is waiting for a recovery manager." },
  { status: "IN_PROGRESS", label: "Taken", empty: "No escalation is being worked right now." },
  { status: "DONE", label: "Resolved", empty: "No escalation has been resolved yet." },
] as const satisfies readonly { status: TaskStatus; label: string; empty: string }[];

export type QueueStatus = (typeof QUEUE_VIEWS)[number]["status"];

export function priorityTone(priority: number): BadgeTone {
  if (priority <= 1) return "danger";
  if (priority === 2) return "alert";
  if (priority === 3) return "warning";
  return "neutral";
}

const lookup = <K extends string>(table: Record<K, string>, key: string): string =>
  Object.hasOwn(table, key) ? table[key as K] : key;

export const reasonLabel = (reason: string): string => lookup(REASON_LABELS, reason);
export const outcomeLabel = (outcome: string): string => lookup(OUTCOME_LABELS, outcome);
