import { graphql } from "../../../gql";
import type { SearchBorrowersQuery } from "../../../gql/graphql";

export type BorrowerResult = SearchBorrowersQuery["searchBorrowers"][number];

export const SEARCH_BORROWERS_QUERY = graphql(`
  query SearchBorrowers($query: String!, $first: Int!) {
    searchBorrowers(query: $query, first: $first) {
      id
      externalKey
      fullName
      phone
      email
      city
      region
      timeZone
      contactRestrictions
      loans(first: 10) {
        totalCount
        nodes {
          id
          externalKey
          productType
          status
          bucket
          currentDpd
          outstandingBalance
          currency
        }
      }
    }
  }
`);
