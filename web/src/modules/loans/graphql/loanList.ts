import { gql, type TypedDocumentNode } from "@apollo/client";
import type { DelinquencyBucket, ProductType } from "./loan.types";

export interface LoanListItem {
  __typename?: "Loan";
  id: string;
  externalKey: string;
  productType: ProductType;
  currentDpd: number;
  bucket: DelinquencyBucket;
  outstandingBalance: string | null;
  currency: string;
  borrower: { __typename?: "Borrower"; id: string; fullName: string | null };
}

export interface LoanListQueryData {
  loans: {
    __typename?: "LoanConnection";
    items: LoanListItem[];
    total: number;
    pageInfo: { __typename?: "PageInfo"; hasNextPage: boolean; endCursor: string | null };
  };
}

export interface LoanListQueryVariables {
  first: number;
  /** The endCursor of the page before (none for the first page). */
  after: string | null;
}

// `total` and `items` are aliases: the screens read the page as they did before cursors.
export const LOAN_LIST_QUERY: TypedDocumentNode<LoanListQueryData, LoanListQueryVariables> = gql`
  query LoanList($first: Int!, $after: String) {
    loans(first: $first, after: $after) {
      total: totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      items: nodes {
        id
        externalKey
        productType
        currentDpd
        bucket
        outstandingBalance
        currency
        borrower {
          id
          fullName
        }
      }
    }
  }
`;
