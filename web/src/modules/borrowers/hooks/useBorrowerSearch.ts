import { useQuery } from "@apollo/client/react";
import { SEARCH_BORROWERS_QUERY } from "../graphql/searchBorrowers";

export const MIN_QUERY = 2;
export const RESULT_LIMIT = 20;

/** Borrowers matching the text (skipped below the API's minimum length). */
export function useBorrowerSearch(query: string) {
  const text = query.trim();
  const skip = text.length < MIN_QUERY;
  const { data, previousData, loading, error, refetch } = useQuery(SEARCH_BORROWERS_QUERY, {
    variables: { query: text, first: RESULT_LIMIT },
    skip,
    notifyOnNetworkStatusChange: true,
  });
  return {
    results: skip ? undefined : (data ?? previousData)?.searchBorrowers,
    loading: !skip && loading,
    error: skip ? undefined : error,
    retry: () => void refetch().catch(() => undefined),
  };
}
