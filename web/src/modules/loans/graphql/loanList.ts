import { graphql } from "../../../gql";
import type { LoanListQuery } from "../../../gql/graphql";

export type LoanListPage = LoanListQuery["loans"];
export type LoanListItem = LoanListPage["items"][number];

// `total` and `items` are aliases: the screens read the page as they did before cursors.
export const LOAN_LIST_QUERY = graphql(`
  query LoanList($first: Int!, $after: String, $filter: LoanFilter, $sort: LoanSort) {
    loans(first: $first, after: $after, filter: $filter, sort: $sort) {
      total: totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      items: nodes {
        id
        externalKey
        productType
        status
        currentDpd
        bucket
        outstandingBalance
        amountOverdue
        currency
        borrower {
          id
          fullName
        }
        latestScore {
          tier
          probability
        }
      }
    }
  }
`);
