import { graphql } from "../../../gql";
import type { TeamTasksQuery } from "../../../gql/graphql";

export type TeamTaskPage = TeamTasksQuery["teamTasks"];
export type TeamTask = TeamTaskPage["nodes"][number];

export const TEAM_TASKS_QUERY = graphql(`
  query TeamTasks($first: Int!, $after: String, $filter: TeamTaskFilter) {
    teamTasks(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        actionType
        status
        priority
        dueAt
        assigneeId
        loan {
          id
          externalKey
          bucket
          currentDpd
          amountOverdue
          currency
          borrower {
            id
            fullName
          }
          latestScore {
            tier
          }
        }
      }
    }
  }
`);
