import { useQuery } from "@apollo/client/react";
import { RETURN_AGENTS_QUERY, type ReturnAgent } from "../graphql/returnAgents";

/** Active agents who belong to a team (the only ones a case can go back to), by name. */
export function useReturnAgents(skip: boolean) {
  const { data, loading, error, refetch } = useQuery(RETURN_AGENTS_QUERY, { skip });
  const agents: ReturnAgent[] = (data?.users ?? [])
    .filter((u) => u.role === "AGENT" && u.active && u.team !== null && u.team !== undefined)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { agents, loading, error, refetch: () => void refetch().catch(() => undefined) };
}
