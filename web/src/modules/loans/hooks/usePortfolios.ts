import { useQuery } from "@apollo/client/react";
import { PORTFOLIOS_QUERY, type PortfolioOption } from "../graphql/portfolios";

/** The operational portfolios, to narrow lists and dashboards to one; empty while loading or on error. */
export function usePortfolios(): { portfolios: PortfolioOption[]; error: Error | undefined } {
  const { data, error } = useQuery(PORTFOLIOS_QUERY);
  return { portfolios: data?.portfolios ?? [], error };
}
