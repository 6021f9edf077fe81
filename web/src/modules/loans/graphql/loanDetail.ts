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
  /** Null until the loan is first scored. */
  latestScore: {
    __typename?: "RiskScore";
    probability: number;
    tier: string;
    asOfDate: string;
    modelVersion: string;
    reasons: { __typename?: "ScoreReason"; feature: string; direction: string; sentence: string }[];
  } | null;
  /** Null until the loan is first scored. */
  recommendation: {
    __typename?: "Recommendation";
    actionType: string;
    channel: string | null;
    priority: number;
    dueAt: string;
    rationale: string;
  } | null;
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
      latestScore {
        probability
        tier
        asOfDate
        modelVersion
        reasons {
          feature
          direction
          sentence
        }
      }
      recommendation {
        actionType
        channel
        priority
        dueAt
        rationale
      }
    }
  }
`;
