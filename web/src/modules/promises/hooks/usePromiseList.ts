import { useQuery } from "@apollo/client/react";
import type { PromiseFilter } from "../../../gql/graphql";
import { PROMISE_LIST_QUERY } from "../graphql/promises";

export const PROMISE_PAGE_SIZE = 25;

/** Promises matching the filter, soonest promised first; `showMore` appends the next page. */
export function usePromiseList(filter: PromiseFilter) {
  const { data, loading, error, refetch, fetchMore } = useQuery(PROMISE_LIST_QUERY, {
    variables: { filter, first: PROMISE_PAGE_SIZE, after: null },
    // Promises are kept and broken by the nightly sweep and by payments: read them again on each visit.
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const page = data?.promises;
  const showMore = () => {
    if (!page?.pageInfo.endCursor) return;
    void fetchMore({
      variables: { after: page.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        promises: {
          ...fetchMoreResult.promises,
          nodes: [...(previous?.promises?.nodes ?? []), ...fetchMoreResult.promises.nodes],
        },
      }),
    }).catch(() => undefined);
  };
  return { page, loading, error, retry: () => void refetch().catch(() => undefined), showMore };
}
