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
  loans: { __typename?: "LoanPage"; items: LoanListItem[]; total: number };
}

export interface LoanListQueryVariables {
  skip: number;
  take: number;
}

export const LOAN_LIST_QUERY: TypedDocumentNode<LoanListQueryData, LoanListQueryVariables> = gql`
  query LoanList($skip: Int!, $take: Int!) {
    loans(skip: $skip, take: $take) {
      total
      items {
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
