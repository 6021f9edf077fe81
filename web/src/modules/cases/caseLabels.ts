import type { BadgeTone } from "../../core/ui/Badge";
import type {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
  EscalationReason,
  PromiseStatus,
  RecommendationStatus,
  TaskOutcome,
  TaskStatus,
} from "../../gql/graphql";
import { humanizeCode } from "../loans/loanLabels";

// The case view's words for the API's codes; Record<> makes the compiler flag a new enum value.

export const CHANNEL_NAMES: Record<CommunicationChannel, string> = {
  CALL: "Phone call",
  SMS: "SMS",
  EMAIL: "E-mail",
  PUSH: "Push notification",
  FIELD_VISIT: "Field visit",
  LETTER: "Letter",
};

/** A contact on the channel, as in "the rules allow a call now". */
export const CHANNEL_CONTACTS: Record<CommunicationChannel, string> = {
  CALL: "a call",
  SMS: "an SMS",
  EMAIL: "an e-mail",
  PUSH: "a push notification",
  FIELD_VISIT: "a field visit",
  LETTER: "a letter",
};

export const DIRECTION_NAMES: Record<CommunicationDirection, string> = {
  OUTBOUND: "Outbound (we contacted them)",
  INBOUND: "Inbound (they contacted us)",
};

export const OUTCOME_NAMES: Record<CommunicationOutcome, string> = {
  CONNECTED: "Connected",
  PROMISE_TO_PAY: "Promise to pay",
  CALLBACK_REQUESTED: "Callback requested",
  REFUSED_TO_PAY: "Refused to pay",
  DISPUTE_RAISED: "Dispute raised",
  NO_ANSWER: "No answer",
  BUSY: "Busy",
  VOICEMAIL: "Left voicemail",
  WRONG_NUMBER: "Wrong number",
  DELIVERED: "Delivered",
  FAILED: "Failed",
};

export const TASK_OUTCOME_NAMES: Record<TaskOutcome, string> = {
  PROMISE_TO_PAY: "Promise to pay",
  PAYMENT_RECEIVED: "Payment received",
  PARTIAL_PAYMENT: "Partial payment",
  PAYMENT_PLAN_AGREED: "Payment plan agreed",
  SETTLEMENT_AGREED: "Settlement agreed",
  RESTRUCTURE_AGREED: "Restructure agreed",
  CALLBACK_REQUESTED: "Callback requested",
  NO_CONTACT: "No contact",
  WRONG_PARTY: "Wrong party",
  REFUSED_TO_PAY: "Refused to pay",
  DISPUTE_RAISED: "Dispute raised",
  HARDSHIP_REPORTED: "Hardship reported",
  ESCALATED: "Escalated",
};

export const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  OPEN: "Not started",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  CANCELLED: "Cancelled",
};

export const ESCALATION_REASON_NAMES: Record<EscalationReason, string> = {
  BROKEN_PROMISES: "Promises keep being broken",
  REFUSED_TO_PAY: "The borrower refuses to pay",
  UNCONTACTABLE: "The borrower cannot be reached",
  HARDSHIP: "Hardship beyond what an agent may agree",
  DISPUTE: "The borrower disputes the debt",
  FRAUD_SUSPECTED: "Fraud or identity theft suspected",
  OTHER: "Something else (say what in the note)",
  RECOMMENDED: "Recommended by the policy",
};

export const PROMISE_STATUS_NAMES: Record<PromiseStatus, string> = {
  PENDING: "Pending",
  KEPT: "Kept",
  BROKEN: "Broken",
  CANCELLED: "Cancelled",
};

export const PROMISE_STATUS_TONES: Record<PromiseStatus, BadgeTone> = {
  PENDING: "info",
  KEPT: "success",
  BROKEN: "danger",
  CANCELLED: "neutral",
};

export const RECOMMENDATION_STATUS_NAMES: Record<RecommendationStatus, string> = {
  ACTIVE: "Active",
  SUPERSEDED: "Superseded",
  ACCEPTED: "Accepted",
  DISMISSED: "Dismissed",
};

// A server deployed ahead of the web app may send values this build does not know: show them readable.
function lookup<K extends string, V>(table: Record<K, V>, key: string, fallback: V): V {
  return Object.hasOwn(table, key) ? table[key as K] : fallback;
}

export const channelName = (c: string): string => lookup(CHANNEL_NAMES, c, humanizeCode(c));
export const channelContact = (c: string): string => lookup(CHANNEL_CONTACTS, c, `a ${humanizeCode(c)}`);
export const outcomeName = (o: string): string => lookup(OUTCOME_NAMES, o, humanizeCode(o));
export const taskOutcomeName = (o: string): string => lookup(TASK_OUTCOME_NAMES, o, humanizeCode(o));
export const taskStatusName = (s: string): string => lookup(TASK_STATUS_NAMES, s, humanizeCode(s));
export const escalationReasonName = (r: string): string =>
  lookup(ESCALATION_REASON_NAMES, r, humanizeCode(r));
export const promiseStatusName = (s: string): string => lookup(PROMISE_STATUS_NAMES, s, humanizeCode(s));
export const promiseStatusTone = (s: string): BadgeTone => lookup(PROMISE_STATUS_TONES, s, "neutral");
export const recommendationStatusName = (s: string): string =>
  lookup(RECOMMENDATION_STATUS_NAMES, s, humanizeCode(s));
