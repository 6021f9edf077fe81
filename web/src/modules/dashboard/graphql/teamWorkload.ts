import { graphql } from "../../../gql";
import type { TeamWorkloadQuery } from "../../../gql/graphql";

export type TeamWorkloadData = TeamWorkloadQuery["teamWorkload"];
export type AgentWorkload = TeamWorkloadData["agents"][number];

export const TEAM_WORKLOAD_QUERY = graphql(`
  query TeamWorkload($teamId: ID) {
    teamWorkload(teamId: $teamId) {
      teamId
      businessTimeZone
      todayStartsAt
      promisesSince
      agents {
        agentId
        displayName
        teamId
        teamName
        open
        inProgress
        overdue
        capacity
        load
        doneToday
        promisesLogged
        promisesKept
        promisesBroken
        promiseKeptRate
      }
    }
  }
`);
