import { graphql } from "../../../gql";
import type { TeamMembersQuery } from "../../../gql/graphql";

export type TeamMember = TeamMembersQuery["users"][number];

// The server scopes `users`: a supervisor's team, everyone for managers and admins.
export const TEAM_MEMBERS_QUERY = graphql(`
  query TeamMembers {
    users {
      id
      displayName
      role
      active
      team {
        id
        name
      }
    }
  }
`);
