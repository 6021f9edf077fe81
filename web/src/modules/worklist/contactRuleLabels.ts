import type { ContactRule } from "../../gql/graphql";

// Short names for the contact rules, as an agent would say them; the API's `reason` adds the detail.
export const CONTACT_RULE_LABELS: Record<ContactRule, string> = {
  BANKRUPTCY: "Bankruptcy",
  CALL_LIMIT: "Call limit reached",
  CHANNEL_OPT_OUT: "Opted out of this channel",
  CONVERSATION_COOLDOWN: "Cooling-off after a recent conversation",
  DECEASED: "Borrower deceased",
  DISPUTED: "Debt disputed",
  DO_NOT_CONTACT: "Do not contact",
  HOLIDAY: "Public holiday",
  LEGAL_HOLD: "Legal hold",
  OUTSIDE_CONTACT_HOURS: "Outside contact hours",
};

export function contactRuleLabel(rule: string): string {
  return Object.hasOwn(CONTACT_RULE_LABELS, rule) ? CONTACT_RULE_LABELS[rule as ContactRule] : rule;
}
