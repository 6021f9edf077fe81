import { CombinedGraphQLErrors } from "@apollo/client/errors";
import type { FieldErrors } from "./validatePolicyDraft";

/**
 * The server's reasons for refusing a policy (extensions.problems, "path: message" each) by field path, so
 * the form shows each one at its field. Paths the form has no field for go to the nearest one it has
 * ("contactRules" -> the window's end, which is what the server checks there), else to the form as a whole.
 */
export function serverFieldErrors(error: unknown, fieldPaths: ReadonlySet<string>): FieldErrors {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const byField = new Map<string, string[]>();
  const errors: FieldErrors = {};
  for (const graphQLError of error.errors) {
    const problems = graphQLError.extensions?.problems;
    if (!Array.isArray(problems)) {
      errors.form = graphQLError.message;
      continue;
    }
    for (const problem of problems) {
      if (typeof problem !== "string") continue;
      const split = problem.indexOf(": ");
      const path = split > 0 ? problem.slice(0, split) : "";
      const message = split > 0 ? problem.slice(split + 2) : problem;
      const field = nearestField(path, fieldPaths);
      byField.set(field, [...(byField.get(field) ?? []), message]);
    }
  }
  for (const [field, messages] of byField) {
    const more = messages.length > 3 ? ` (and ${messages.length - 3} more)` : "";
    errors[field] = `${messages.slice(0, 3).join("; ")}${more}`;
  }
  return errors;
}

function nearestField(path: string, fieldPaths: ReadonlySet<string>): string {
  if (path === "contactRules") return "contactRules.windowEndMinutes";
  const parts = path.split(".");
  while (parts.length > 0) {
    const candidate = parts.join(".");
    if (fieldPaths.has(candidate)) return candidate;
    parts.pop();
  }
  return "form";
}
