import { graphql } from "../../../gql";
import type { MyWorklistQuery } from "../../../gql/graphql";

export type WorklistPage = MyWorklistQuery["myWorklist"];
export type WorklistCase = WorklistPage["nodes"][number];
export type ContactNow = NonNullable<WorklistCase["contactNow"]>;

// Named: the live notices refetch it by this name when work is assigned, changed or rescored.
export const MY_WORKLIST_QUERY = graphql(`
  query MyWorklist($first: Int!, $after: String, $filter: WorklistFilter) {
    myWorklist(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
      nodes {
        task {
          id
          status
          priority
          dueAt
          actionType
          startedAt
        }
        loan {
          id
          externalKey
          bucket
          currentDpd
          currency
        }
        borrower {
          id
          fullName
          timeZone
        }
        amountOverdue
        propensityToPay {
          probability
          expectedRecovery
          reasons {
            feature
            direction
            sentence
          }
        }
        contactChannel
        contactNow {
          allowed
          permanent
          rule
          reason
          nextAllowedAt
          borrowerTimeZone
        }
        latestScore {
          tier
          probability
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
        }
        openPromise {
          id
          amount
          promisedDate
          status
        }
      }
    }
  }
`);
