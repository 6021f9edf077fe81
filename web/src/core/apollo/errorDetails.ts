import { CombinedGraphQLErrors } from "@apollo/client/errors";

/** The first GraphQL error's extensions (its code and the details the API attaches), if there is one. */
export function graphQLErrorExtensions(error: unknown): Record<string, unknown> | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  return error.errors[0]?.extensions ?? undefined;
}

/** The first GraphQL error's message as the API wrote it (meant for people), else the error's own. */
export function graphQLErrorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

// "input.startedAt: startedAt is in the future" (validation) or "promisedDate: 2027-01-01 is ..." (a service).
const PROBLEM = /^(?:input\.)?([A-Za-z][\w.]*): (.+)$/s;

/**
 * A BAD_USER_INPUT error's problems by the input field they name (the API lists them in
 * `extensions.problems` as "field: message"), and those naming no field under "".
 */
export function problemsByField(error: unknown): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  const add = (field: string, message: string) =>
    byField.set(field, [...(byField.get(field) ?? []), message]);
  const extensions = graphQLErrorExtensions(error);
  const problems = extensions?.problems;
  const list = Array.isArray(problems) ? problems.filter((p): p is string => typeof p === "string") : [];
  if (list.length === 0) {
    const message = graphQLErrorMessage(error).replace(/^Invalid input: /, "");
    const m = PROBLEM.exec(message);
    if (m?.[1] && m[2]) add(m[1].split(".")[0] ?? m[1], m[2]);
    else add("", message);
    return byField;
  }
  for (const problem of list) {
    const m = PROBLEM.exec(problem);
    if (m?.[1] && m[2]) add(m[1].split(".")[0] ?? m[1], m[2]);
    else add("", problem);
  }
  return byField;
}
