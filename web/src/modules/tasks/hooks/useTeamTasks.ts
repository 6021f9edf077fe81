import { useQuery } from "@apollo/client/react";
import type { TeamTaskFilter } from "../../../gql/graphql";
import { TEAM_TASKS_QUERY } from "../graphql/teamTasks";

export const TASK_PAGE_SIZE = 25;

/** A page of the team's tasks; the previous page stays shown while the next loads. */
export function useTeamTasks(filter: TeamTaskFilter, after: string | null) {
  const { data, previousData, loading, error, refetch } = useQuery(TEAM_TASKS_QUERY, {
    variables: { first: TASK_PAGE_SIZE, after, filter },
    // Agents start and finish tasks all day, and rescoring hands out new ones.
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  return {
    page: (data ?? previousData)?.teamTasks,
    loading,
    error,
    refetch: () =>
      refetch().then(
        () => undefined,
        () => undefined,
      ),
  };
}
