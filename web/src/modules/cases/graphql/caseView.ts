import { graphql } from "../../../gql";
import type { CaseViewQuery } from "../../../gql/graphql";

export type CaseLoan = CaseViewQuery["loan"];
export type CaseBorrower = CaseLoan["borrower"];
export type CaseContact = CaseBorrower["contacts"]["nodes"][number];
export type CasePromise = CaseLoan["promises"]["nodes"][number];
export type CaseScore = CaseLoan["scoreHistory"]["nodes"][number];
export type CaseRecommendation = CaseLoan["recommendations"]["nodes"][number];
export type CaseTask = CaseLoan["tasks"]["nodes"][number];
export type CaseInstalment = CaseLoan["instalments"]["nodes"][number];
export type CasePayment = CaseLoan["payments"]["nodes"][number];
export type CaseBucketPeriod = CaseLoan["bucketHistory"]["nodes"][number];
export type ContactRuleFields = NonNullable<CaseRecommendation["contactRule"]>;

/** How many of each list the case view reads; the page says when there are more. */
export const CASE_LIST_SIZES = {
  contacts: 50,
  promises: 25,
  scores: 12,
  recommendations: 12,
  tasks: 10,
  // A schedule and its payments: enough for five years of monthly instalments.
  instalments: 200,
  payments: 200,
  bucketPeriods: 100,
} as const;

export const CONTACT_RULE_FIELDS = graphql(`
  fragment ContactRuleFields on ContactRuleResult {
    allowed
    rule
    rules
    reason
    nextAllowedAt
    permanent
    borrowerTimeZone
  }
`);

export const CASE_VIEW_QUERY = graphql(`
  query CaseView(
    $id: ID!
    $contacts: Int!
    $promises: Int!
    $scores: Int!
    $recommendations: Int!
    $tasks: Int!
    $instalments: Int!
    $payments: Int!
    $bucketPeriods: Int!
  ) {
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
      amountOverdue
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
        addressLine
        city
        region
        postalCode
        country
        timeZone
        segment
        employmentStatus
        annualIncome
        contactRestrictions
        contactPreferences {
          borrowerId
          doNotContact
          disputed
          optOutChannels
          preferredChannel
          preferredHours {
            start
            end
          }
          timeZone
        }
        contacts(first: $contacts) {
          totalCount
          nodes {
            id
            loanId
            agentId
            channel
            direction
            outcome
            startedAt
            durationSeconds
            notes
            callbackAt
          }
        }
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
      propensityToPay {
        probability
        expectedRecovery
        reasons {
          feature
          direction
          sentence
        }
      }
      recommendation {
        id
        actionType
        channel
        priority
        dueAt
        rationale
        contactRule {
          ...ContactRuleFields
        }
      }
      recommendations(first: $recommendations) {
        totalCount
        nodes {
          id
          actionType
          channel
          priority
          dueAt
          createdAt
          status
          rationale
          policyVersion
          contactRule {
            ...ContactRuleFields
          }
        }
      }
      scoreHistory(first: $scores) {
        totalCount
        nodes {
          asOfDate
          scoredAt
          probability
          tier
          bucket
          daysPastDue
          modelVersion
          reasons {
            feature
            direction
            sentence
          }
        }
      }
      promises(first: $promises) {
        totalCount
        nodes {
          id
          amount
          promisedDate
          status
          createdAt
          resolvedAt
          cancelReason
          arrangementId
          sequence
          communicationId
        }
      }
      tasks(first: $tasks) {
        nodes {
          id
          actionType
          status
          priority
          dueAt
          assigneeId
          startedAt
          completedAt
          outcome
          note
          handoverNote
        }
      }
      instalments(first: $instalments) {
        totalCount
        nodes {
          id
          sequence
          kind
          dueDate
          amountDue
          amountPaid
          paidDate
          statementBalance
        }
      }
      payments(first: $payments) {
        totalCount
        nodes {
          id
          type
          amount
          paidAt
          channel
          reversesPaymentId
        }
      }
      bucketHistory(first: $bucketPeriods) {
        totalCount
        nodes {
          bucket
          enteredOn
          leftOn
        }
      }
    }
  }
`);
