import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { MY_WORKLIST_QUERY, type WorklistPage } from "../graphql/myWorklist";
import { toApiFilter, type WorklistFilterState } from "../worklistFilters";

export const WORKLIST_PAGE_SIZE = 25;

export interface UseWorklistResult {
  /** The requested page, or the previous one while the next loads so the list does not flash. */
  page: WorklistPage | undefined;
  /** Whether `page` answers the current filters and cursor (false while a changed request loads). */
  current: boolean;
  loading: boolean;
  error: Error | undefined;
  refetch: () => void;
}

export function useWorklist(filters: WorklistFilterState, after: string | null): UseWorklistResult {
  const key = JSON.stringify(filters);
  // "Overdue" and "today" are relative to the moment the filters were chosen, not to each render: a moving
  // window would change the variables, and so refetch, on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `filters`' contents.
  const filter = useMemo(() => toApiFilter(filters, new Date()), [key]);
  const { data, previousData, loading, error, refetch } = useQuery(MY_WORKLIST_QUERY, {
    variables: { first: WORKLIST_PAGE_SIZE, after, filter },
    // Assignments arrive during the day (live updates refetch this query too); never show only the cache.
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  return {
    page: (data ?? previousData)?.myWorklist,
    current: data !== undefined,
    loading,
    error,
    refetch: () => void refetch().catch(() => undefined),
  };
}
