import type { ContactRule } from "../../gql/graphql";
import { humanizeCode } from "../loans/loanLabels";

/**
 * Each contact rule: a short name, as an agent would say it, and what it means for them. The one wording of
 * the rules for every screen (worklist, case view); the API's own `reason` adds the case's detail.
 */
export const CONTACT_RULE_TEXT: Record<ContactRule, { name: string; explanation: string }> = {
  DECEASED: { name: "Borrower deceased", explanation: "No collection contact with a deceased borrower." },
  BANKRUPTCY: {
    name: "Bankruptcy",
    explanation: "No collection contact while the borrower is in bankruptcy.",
  },
  LEGAL_HOLD: { name: "Legal hold", explanation: "The account is under legal hold: no contact." },
  DISPUTED: { name: "Debt disputed", explanation: "No collection contact until the dispute is resolved." },
  DO_NOT_CONTACT: { name: "Do not contact", explanation: "The borrower asked not to be contacted." },
  CHANNEL_OPT_OUT: { name: "Channel opted out", explanation: "The borrower opted out of this channel." },
  CONVERSATION_COOLDOWN: {
    name: "Conversation cooldown",
    explanation: "No call for some days after a telephone conversation with the borrower.",
  },
  CALL_LIMIT: {
    name: "Call attempt limit",
    explanation: "The policy's limit on call attempts in 7 days is reached.",
  },
  OUTSIDE_CONTACT_HOURS: {
    name: "Outside contact hours",
    explanation: "It is outside the contact hours in the borrower's time zone.",
  },
  HOLIDAY: { name: "Holiday", explanation: "No contact on a holiday in the borrower's time zone." },
};

export const isContactRule = (value: unknown): value is ContactRule =>
  typeof value === "string" && Object.hasOwn(CONTACT_RULE_TEXT, value);

// A server deployed ahead of the web app may send rules this build does not know: show them readable.
export const contactRuleText = (rule: string): { name: string; explanation: string } =>
  isContactRule(rule) ? CONTACT_RULE_TEXT[rule] : { name: humanizeCode(rule), explanation: "" };

export const contactRuleName = (rule: string): string => contactRuleText(rule).name;
