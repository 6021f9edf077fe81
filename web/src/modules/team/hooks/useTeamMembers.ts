import { useQuery } from "@apollo/client/react";
import { useMemo } from "react";
import { TEAM_MEMBERS_QUERY, type TeamMember } from "../graphql/teamMembers";

export interface TeamOption {
  id: string;
  name: string;
}

export interface UseTeamMembersResult {
  /** Active agents, by team then name: who work can be given to. */
  agents: TeamMember[];
  /** The teams those people are in, by name. */
  teams: TeamOption[];
  /** Every user the caller may see, by id (to name a task's assignee). */
  byId: Map<string, TeamMember>;
  loading: boolean;
  error: Error | undefined;
  refetch: () => void;
}

const byTeamThenName = (a: TeamMember, b: TeamMember) =>
  (a.team?.name ?? "").localeCompare(b.team?.name ?? "") || a.displayName.localeCompare(b.displayName);

/** The people the signed-in supervisor, manager or admin works with (the server decides who). */
export function useTeamMembers(options: { skip?: boolean } = {}): UseTeamMembersResult {
  const { data, loading, error, refetch } = useQuery(TEAM_MEMBERS_QUERY, { skip: options.skip });
  const users = data?.users;
  return useMemo(() => {
    const all = users ?? [];
    const agents = all.filter((u) => u.role === "AGENT" && u.active).sort(byTeamThenName);
    const teams = new Map<string, TeamOption>();
    for (const u of all) if (u.team) teams.set(u.team.id, { id: u.team.id, name: u.team.name });
    return {
      agents,
      teams: [...teams.values()].sort((a, b) => a.name.localeCompare(b.name)),
      byId: new Map(all.map((u) => [u.id, u])),
      loading,
      error,
      refetch: () => void refetch().catch(() => undefined),
    };
  }, [users, loading, error, refetch]);
}
