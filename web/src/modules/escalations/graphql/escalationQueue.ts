import { graphql } from "../../../gql";
import type { EscalationQueueQuery } from "../../../gql/graphql";

export type EscalationPage = EscalationQueueQuery["escalations"];
export type EscalationItem = EscalationPage["nodes"][number];

// Everything a card shows; the take and resolve mutations answer with the same fields so the cache
// updates the card in place.
export const ESCALATION_FIELDS = graphql(`
  fragment EscalationFields on Escalation {
    id
    status
    reason
    note
    priority
    dueAt
    escalatedAt
    ageMinutes
    escalatedBy {
      id
      displayName
    }
    takenBy {
      id
      displayName
    }
    takenAt
    outcome
    resolutionNote
    resolvedAt
    resolvedBy {
      id
      displayName
    }
    returnedTaskId
    loan {
      id
      externalKey
      productType
      status
      bucket
      currentDpd
      outstandingBalance
      amountOverdue
      currency
      borrower {
        id
        fullName
        timeZone
        contactRestrictions
      }
      latestScore {
        probability
        tier
        reasons {
          feature
          direction
          sentence
        }
      }
      recommendation {
        actionType
        channel
      }
    }
  }
`);

export const ESCALATION_QUEUE_QUERY = graphql(`
  query EscalationQueue($status: TaskStatus!, $first: Int!, $after: String) {
    escalations(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...EscalationFields
      }
    }
  }
`);
