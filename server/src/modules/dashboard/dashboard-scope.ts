import type { UserPrincipal } from "../../core/auth/principal.js";
import { forbidden, notFound } from "../../core/errors/app-error.js";

/** Which loans or agents a dashboard covers: operational portfolios, narrowed to one portfolio or team. */
export interface DashboardScope {
  portfolioId: string | null;
  teamId: string | null;
}

/** What a scope may name, checked against the database. */
export interface ScopeLookups {
  operationalPortfolioExists(id: string): Promise<boolean>;
  teamExists(id: string): Promise<boolean>;
}

/**
 * The caller's dashboard scope: supervisors their own team (another team looks absent), managers and admins
 * every team or the one they name; agents have no dashboards. A reference portfolio looks absent, as it does
 * in every list.
 */
export async function dashboardScope(
  principal: UserPrincipal,
  requested: { portfolioId?: string | null; teamId?: string | null },
  lookups: ScopeLookups,
): Promise<DashboardScope> {
  const portfolioId = requested.portfolioId ?? null;
  let teamId = requested.teamId ?? null;
  switch (principal.role) {
    case "AGENT":
      throw forbidden("Dashboards are for supervisors, managers and admins: agents have their worklist");
    case "SUPERVISOR":
      if (!principal.teamId) {
        throw forbidden("You are a supervisor of no team: ask an admin to put you in one");
      }
      if (teamId !== null && teamId !== principal.teamId) throw notFound("Team", teamId);
      teamId = principal.teamId;
      break;
    case "MANAGER":
    case "ADMIN":
      if (teamId !== null && !(await lookups.teamExists(teamId))) throw notFound("Team", teamId);
      break;
  }
  if (portfolioId !== null && !(await lookups.operationalPortfolioExists(portfolioId))) {
    throw notFound("Portfolio", portfolioId);
  }
  return { portfolioId, teamId };
}
