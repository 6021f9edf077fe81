import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import type { TaskStatus } from "../../../gql/graphql";
import { ESCALATION_QUEUE_QUERY, type EscalationPage } from "../graphql/escalationQueue";
import { useLiveEscalationRefresh } from "./useLiveEscalationRefresh";

export const ESCALATION_PAGE_SIZE = 25;

export interface UseEscalationQueueResult {
  page: EscalationPage | undefined;
  loading: boolean;
  loadingMore: boolean;
  error: Error | undefined;
  refetch: () => void;
  loadMore: () => void;
}

/**
 * One state of the recovery managers' queue, most urgent then oldest first, growing by "Show more"; re-read
 * when live events change it.
 */
export function useEscalationQueue(status: TaskStatus, skip = false): UseEscalationQueueResult {
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(ESCALATION_QUEUE_QUERY, {
    variables: { status, first: ESCALATION_PAGE_SIZE, after: null },
    skip,
    // Other managers take and resolve cases all day: the cached queue alone would show stale rows.
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const page = data?.escalations;
  const reread = () => void refetch().catch(() => undefined);
  // The first page afresh, keeping the cases taken in this view (their status changed in place): a manager
  // resolving one must not see it vanish because someone else escalated a case. Resolving re-reads the queue.
  const liveReread = () =>
    void fetchMore({
      variables: { after: null },
      updateQuery: (previous, { fetchMoreResult }) => {
        const fresh = new Set(fetchMoreResult.escalations.nodes.map((n) => n.id));
        const held = previous.escalations.nodes.filter((n) => n.status !== status && !fresh.has(n.id));
        return {
          ...fetchMoreResult,
          escalations: {
            ...fetchMoreResult.escalations,
            nodes: [...held, ...fetchMoreResult.escalations.nodes],
          },
        };
      },
    }).catch(() => undefined);
  useLiveEscalationRefresh(status, skip ? () => {} : liveReread);

  return {
    page,
    loading: loading && networkStatus !== NetworkStatus.fetchMore,
    loadingMore: networkStatus === NetworkStatus.fetchMore,
    error,
    refetch: reread,
    loadMore: () => {
      if (!page?.pageInfo.hasNextPage) return;
      void fetchMore({
        variables: { after: page.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const known = new Set(previous.escalations.nodes.map((n) => n.id));
          return {
            ...fetchMoreResult,
            escalations: {
              ...fetchMoreResult.escalations,
              // A case taken meanwhile shifts the pages: never show one twice.
              nodes: [
                ...previous.escalations.nodes,
                ...fetchMoreResult.escalations.nodes.filter((n) => !known.has(n.id)),
              ],
            },
          };
        },
      }).catch(() => undefined);
    },
  };
}
