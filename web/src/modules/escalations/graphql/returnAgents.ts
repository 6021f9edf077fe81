import { graphql } from "../../../gql";
import type { ReturnAgentsQuery } from "../../../gql/graphql";

export type ReturnAgent = ReturnAgentsQuery["users"][number];

/** The people a case may go back to: the active agents a manager works with. */
export const RETURN_AGENTS_QUERY = graphql(`
  query ReturnAgents {
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
