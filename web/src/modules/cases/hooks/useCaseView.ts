import { useQuery } from "@apollo/client/react";
import { graphQLErrorCode } from "../../../core/apollo/errorCodes";
import { CASE_LIST_SIZES, CASE_VIEW_QUERY, type CaseLoan } from "../graphql/caseView";

export type CaseViewState =
  | { kind: "loading" }
  | { kind: "notFound" }
  | { kind: "error"; error: Error; retry: () => void }
  | { kind: "ready"; loan: CaseLoan };

export function useCaseView(id: string): CaseViewState {
  const { data, error, refetch } = useQuery(CASE_VIEW_QUERY, { variables: { id, ...CASE_LIST_SIZES } });

  if (error) {
    const code = graphQLErrorCode(error);
    // A loan outside the user's scope is reported exactly like a missing one, so the UI cannot tell them
    // apart either; a malformed id in the URL is the same dead end for the person looking at it.
    if (code === "NOT_FOUND" || code === "BAD_USER_INPUT") return { kind: "notFound" };
    // A failed refresh keeps the case on screen: the forms say what failed.
    if (data?.loan === undefined) {
      return { kind: "error", error, retry: () => void refetch().catch(() => undefined) };
    }
  }
  if (data?.loan === undefined) return { kind: "loading" };
  return { kind: "ready", loan: data.loan };
}
