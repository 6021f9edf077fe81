import type { ApolloServerPlugin } from "@apollo/server";
import { isDatabaseUnavailable } from "../db/database-unavailable.js";

/**
 * An operation that failed because the database could not be reached answers HTTP 503 (its errors carry
 * SERVICE_UNAVAILABLE), so that clients and load balancers retry rather than treat it as a bad request or a
 * server bug, and a mobile client never signs its user out over it.
 */
export function databaseOutagePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          if (errors.some((e) => isDatabaseUnavailable(e.originalError))) response.http.status = 503;
        },
      };
    },
  };
}
