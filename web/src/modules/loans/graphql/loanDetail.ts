import { gql, type TypedDocumentNode } from "@apollo/client";
import type { DelinquencyBucket, LoanStatus, ProductType } from "./loan.types";

export interface LoanDetail {
  __typename?: "Loan";
  id: string;
  externalKey: string;
  productType: ProductType;
  status: LoanStatus;
  principal: string | null;
  creditLimit: string | null;
  interestRate: string | null;
  termMonths: number | null;
  outstandingBalance: string | null;
  currency: string;
  grade: string | null;
  purpose: string | null;
  openedOn: string | null;
  currentDpd: number;
  bucket: DelinquencyBucket;
  portfolio: { __typename?: "Portfolio"; id: string; name: string; source: string; asOfDate: string };
  borrower: {
    __typename?: "Borrower";
    id: string;
    externalKey: string;
    fullName: string | null;
    email: string | null;
    phone: string | null;
    timeZone: string;
    segment: string | null;
    employmentStatus: string | null;
    annualIncome: string | null;
    contactRestrictions: string[];
  };
}

export interface LoanDetailQueryData {
  loan: LoanDetail;
}

export interface LoanDetailQueryVariables {
  id: string;
}

export const LOAN_DETAIL_QUERY: TypedDocumentNode<LoanDetailQueryData, LoanDetailQueryVariables> = gql`
  query LoanDetail($id: ID!) {
    loan(id: $id) {
      id
      externalKey
      productType
      status
      principal
      creditLimit
      interestRate
      termMonths
      outstandingBalance
      currency
      grade
      purpose
      openedOn
      currentDpd
      bucket
      portfolio {
        id
        name
        source
        asOfDate
      }
      borrower {
        id
        externalKey
        fullName
        email
        phone
        timeZone
        segment
        employmentStatus
        annualIncome
        contactRestrictions
      }
    }
  }
`;
