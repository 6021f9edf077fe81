import type { ActionType, CommunicationChannel } from "../../generated/prisma/enums.js";
import {
  type BorrowerContactProfile,
  type ContactRules,
  checkChannel,
  type PastContact,
} from "../contact-rules/contact-rules.js";
import { contactRuleResult } from "../recommendations/contact-rule-result.js";
import type { ContactRuleResult } from "../recommendations/contact-rule-result.types.js";

/**
 * The channel each action is carried out through when no recommendation names one: case work (plans,
 * restructuring, settlements) starts with a call; an escalation is a manager's review, not a contact.
 */
const ACTION_CHANNEL: Record<ActionType, CommunicationChannel | null> = {
  SMS_REMINDER: "SMS",
  PUSH_REMINDER: "PUSH",
  EMAIL_REMINDER: "EMAIL",
  CALL: "CALL",
  PAYMENT_PLAN: "CALL",
  FIELD_VISIT: "FIELD_VISIT",
  RESTRUCTURE: "CALL",
  SETTLEMENT_OFFER: "CALL",
  ESCALATE_TO_RECOVERY_MANAGER: null,
};

/**
 * The channel a task is worked through: the active recommendation's, when it recommends the task's own
 * action (a started task may lag behind a newer recommendation: then the task's action decides); otherwise
 * the one the task's action implies. Null when the task is no contact (an escalation).
 */
export function taskChannel(
  action: ActionType,
  recommendation: { actionType: ActionType; channel: CommunicationChannel | null } | null,
): CommunicationChannel | null {
  if (recommendation?.actionType === action && recommendation.channel) return recommendation.channel;
  return ACTION_CHANNEL[action];
}

/** Whether the borrower may be contacted on `channel` at `now`, as the contact rules' verdict. */
export function contactNow(
  channel: CommunicationChannel,
  now: Date,
  borrower: BorrowerContactProfile,
  history: readonly PastContact[],
  rules: ContactRules,
): ContactRuleResult {
  return contactRuleResult(checkChannel(channel, now, borrower, history, rules), borrower.timeZone);
}
