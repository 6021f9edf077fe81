import { useQuery } from "@apollo/client/react";
import { LOAN_LIST_QUERY, type LoanListPage } from "../graphql/loanList";

export const LOAN_PAGE_SIZE = 25;

export interface UseLoanListResult {
  /** The requested page, or the previous one while the next is loading so the table does not flash. */
  page: LoanListPage | undefined;
  loading: boolean;
  error: Error | undefined;
  refetch: () => void;
}

/** The page that starts after `after` (the previous page's endCursor; null for the first page). */
export function useLoanList(after: string | null, pageSize = LOAN_PAGE_SIZE): UseLoanListResult {
  const { data, previousData, loading, error, refetch } = useQuery(LOAN_LIST_QUERY, {
    variables: { first: pageSize, after },
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
