import { useQuery } from "@apollo/client/react";
import type { LoanFilter, LoanSort } from "../../../gql/graphql";
import { LOAN_LIST_QUERY, type LoanListPage } from "../graphql/loanList";

export const LOAN_PAGE_SIZE = 25;

export interface UseLoanListResult {
  /** The requested page, or the previous one while the next is loading so the table does not flash. */
  page: LoanListPage | undefined;
  loading: boolean;
  error: Error | undefined;
  refetch: () => void;
}

export interface LoanListArgs {
  /** The previous page's endCursor; null for the first page. */
  after: string | null;
  filter?: LoanFilter | null;
  sort?: LoanSort | null;
}

export function useLoanList(
  { after, filter, sort }: LoanListArgs,
  pageSize = LOAN_PAGE_SIZE,
): UseLoanListResult {
  const { data, previousData, loading, error, refetch } = useQuery(LOAN_LIST_QUERY, {
    variables: { first: pageSize, after, filter: filter ?? null, sort: sort ?? null },
    // Task assignments change during the day; the cache alone would hide newly assigned loans.
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });

  return {
    page: (data ?? previousData)?.loans,
    loading,
    error,
    refetch: () => void refetch().catch(() => undefined),
  };
}
