import { graphql } from "../../../gql";
import type { PromiseListQuery } from "../../../gql/graphql";

export type PromisePage = PromiseListQuery["promises"];
export type PromiseItem = PromisePage["nodes"][number];

export const PROMISE_LIST_QUERY = graphql(`
  query PromiseList($filter: PromiseFilter, $first: Int!, $after: String) {
    promises(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        amount
        promisedDate
        status
        resolvedAt
        createdAt
        arrangementId
        sequence
        cancelReason
        loan {
          id
          externalKey
          currency
          bucket
          currentDpd
          borrower {
            id
            fullName
          }
        }
      }
    }
  }
`);
