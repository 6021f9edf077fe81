import { graphQLErrorExtensions } from "../../core/apollo/errorDetails";
import type { ContactRuleFieldsFragment } from "../../gql/graphql";
import { isContactRule } from "../contact-rules/contactRuleText";

export type ContactVerdict = Omit<ContactRuleFieldsFragment, "__typename">;

const stringOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * The contact rules' verdict a refused logContact carries in its error's extensions (CONTACT_NOT_ALLOWED),
 * or null when the error is something else. Read from the structured fields, never from the message.
 */
export function refusedContactVerdict(error: unknown, borrowerTimeZone: string): ContactVerdict | null {
  const extensions = graphQLErrorExtensions(error);
  if (extensions?.code !== "CONTACT_NOT_ALLOWED") return null;
  const rules = Array.isArray(extensions.rules) ? extensions.rules.filter(isContactRule) : [];
  const rule = isContactRule(extensions.rule) ? extensions.rule : (rules[0] ?? null);
  return {
    allowed: false,
    rule,
    rules: rules.length > 0 ? rules : rule ? [rule] : [],
    reason: stringOrNull(extensions.reason),
    nextAllowedAt: stringOrNull(extensions.nextAllowedAt),
    permanent: extensions.permanent === true,
    borrowerTimeZone: stringOrNull(extensions.borrowerTimeZone) ?? borrowerTimeZone,
  };
}
