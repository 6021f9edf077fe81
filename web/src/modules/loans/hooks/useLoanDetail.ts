import { useQuery } from "@apollo/client/react";
import { graphQLErrorCode } from "../../../core/apollo/errorCodes";
import { LOAN_DETAIL_QUERY, type LoanDetail } from "../graphql/loanDetail";

export type LoanDetailState =
  | { kind: "loading" }
  | { kind: "notFound" }
  | { kind: "error"; error: Error; retry: () => void }
  | { kind: "ready"; loan: LoanDetail };

export function useLoanDetail(id: string): LoanDetailState {
  const { data, loading, error, refetch } = useQuery(LOAN_DETAIL_QUERY, { variables: { id } });

  if (error) {
    const code = graphQLErrorCode(error);
    // A loan outside the user's scope is reported exactly like a missing one, so the UI cannot tell them
    // apart either; a malformed id in the URL is the same dead end for the person looking at it.
    if (code === "NOT_FOUND" || code === "BAD_USER_INPUT") return { kind: "notFound" };
    return { kind: "error", error, retry: () => void refetch().catch(() => undefined) };
  }
  if (loading || data?.loan === undefined) return { kind: "loading" };
  return { kind: "ready", loan: data.loan };
}
