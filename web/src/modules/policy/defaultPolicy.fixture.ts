import { DEFAULT_POLICY as SERVER_DEFAULT_POLICY } from "../../../../server/src/modules/recommendations/policy";
import type { PolicyDefinition } from "./policyModel";

/**
 * For the tests: the server's own default policy, as the API's `definition` returns it (JSON), so the tests
 * edit what a supervisor opens and a row the server adds reaches them without a copy to keep in step.
 */
export const DEFAULT_POLICY: PolicyDefinition = structuredClone({
  rules: SERVER_DEFAULT_POLICY.rules,
  contactRules: SERVER_DEFAULT_POLICY.contactRules,
  brokenPromise: SERVER_DEFAULT_POLICY.brokenPromise,
});

/** The default policy with its rules changed by `edit` (a copy: the fixture itself stays as it is). */
export function editedDefault(edit: (rules: PolicyDefinition["rules"]) => PolicyDefinition["rules"]) {
  const copy: PolicyDefinition = structuredClone(DEFAULT_POLICY);
  return { ...copy, rules: edit(copy.rules) };
}
