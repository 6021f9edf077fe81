import { useQuery } from "@apollo/client/react";
import { PORTFOLIO_SUMMARY_QUERY } from "../graphql/portfolioSummary";
import { TEAM_WORKLOAD_QUERY } from "../graphql/teamWorkload";
import type { DashboardFilters } from "./useDashboardFilters";

export const TOP_RISKY = 10;

// Figures move with every payment, contact and rescoring: read them again on each visit.
const FRESH = { fetchPolicy: "cache-and-network", notifyOnNetworkStatusChange: true } as const;

export function usePortfolioSummary({ portfolioId, teamId, months }: DashboardFilters) {
  const { data, previousData, loading, error, refetch } = useQuery(PORTFOLIO_SUMMARY_QUERY, {
    variables: { portfolioId, teamId, months, top: TOP_RISKY },
    ...FRESH,
  });
  return {
    summary: (data ?? previousData)?.portfolioSummary,
    loading,
    error,
    retry: () => void refetch().catch(() => undefined),
  };
}

export function useTeamWorkload(teamId: string | null) {
  const { data, previousData, loading, error, refetch } = useQuery(TEAM_WORKLOAD_QUERY, {
    variables: { teamId },
    ...FRESH,
  });
  return {
    workload: (data ?? previousData)?.teamWorkload,
    loading,
    error,
    retry: () => void refetch().catch(() => undefined),
  };
}
