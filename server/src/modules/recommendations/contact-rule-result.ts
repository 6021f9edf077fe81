import {
  type ChannelVerdict,
  CONTACT_RULES,
  type ContactRule,
  isPermanentRule,
} from "../contact-rules/contact-rules.js";
import type { ContactRuleResult } from "./contact-rule-result.types.js";
import type { ContactVerdict } from "./recommend.js";

// Verdicts in their GraphQL shape, apart from the decorated type (contact-rule-result.types.ts) so that
// services and scripts build them without loading type-graphql's reflection.

/** The GraphQL shape of a channel verdict. */
export function contactRuleResult(verdict: ChannelVerdict, borrowerTimeZone: string): ContactRuleResult {
  if (verdict.allowed)
    return {
      allowed: true,
      rule: null,
      rules: [],
      reason: null,
      nextAllowedAt: null,
      permanent: false,
      borrowerTimeZone,
    };
  const rule = verdict.blockers[0] ?? null;
  return {
    allowed: false,
    rule,
    rules: [...verdict.blockers],
    reason: verdict.reason,
    nextAllowedAt: verdict.earliestAt?.toISOString() ?? null,
    permanent: rule !== null && isPermanentRule(rule),
    borrowerTimeZone,
  };
}

const isContactRule = (code: string): code is ContactRule =>
  (CONTACT_RULES as readonly string[]).includes(code);

/**
 * The GraphQL shape of the verdict a recommendation keeps (see recommend.ts): for a contact made now on a
 * fallback channel, `allowed` is true and the rules say why the preferred channel was not used.
 */
export function recommendationContactRule(
  verdict: ContactVerdict,
  borrowerTimeZone: string,
): ContactRuleResult {
  const rules = verdict.rules.filter(isContactRule);
  const rule = rules[0] ?? null;
  return {
    allowed: verdict.allowed,
    rule,
    rules,
    reason: verdict.reason,
    nextAllowedAt: verdict.nextAllowedAt?.toISOString() ?? null,
    permanent: !verdict.allowed && rule !== null && isPermanentRule(rule),
    borrowerTimeZone,
  };
}
