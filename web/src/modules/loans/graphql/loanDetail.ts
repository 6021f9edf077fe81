import { graphql } from "../../../gql";
import type { LoanDetailQuery } from "../../../gql/graphql";

export type LoanDetail = LoanDetailQuery["loan"];

export const LOAN_DETAIL_QUERY = graphql(`
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
`);
