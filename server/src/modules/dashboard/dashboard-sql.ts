import type { DashboardScope } from "./dashboard-scope.js";

/**
 * The loans of a dashboard scope as a CTE named `scope`, its parameters first ($1 portfolio, $2 team).
 * Operational portfolios only (portfolio-kind.ts). A team's loans are those with a task of the team or of
 * one of its agents: the SQL form of `loanVisibility` (loans/loan.access.ts) for a supervisor.
 */
export function scopeCte(scope: DashboardScope): { sql: string; params: unknown[] } {
  return {
    // Computed once: the team test is one hashed pass over tasks, not a lookup per loan of every join.
    sql: `scope AS MATERIALIZED (
      SELECT l.id, l."borrowerId", l."externalKey", l.status, l."currentBucket", l."currentDpd",
             l."outstandingBalance", p."asOfDate"
      FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId" AND p.kind = 'OPERATIONAL'
      WHERE ($1::uuid IS NULL OR l."portfolioId" = $1::uuid)
        AND ($2::uuid IS NULL OR EXISTS (
          SELECT 1 FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
          WHERE t."loanId" = l.id AND (t."teamId" = $2::uuid OR u."teamId" = $2::uuid))))`,
    params: [scope.portfolioId, scope.teamId],
  };
}

/** The latest score of loan `alias`.id (by scoring time, as `Loan.latestScore` answers). */
export const LATEST_SCORE = (alias: string) => `LATERAL (
  SELECT r.probability, r.tier FROM "RiskScore" r WHERE r."loanId" = ${alias}.id
  ORDER BY r."scoredAt" DESC LIMIT 1) ls`;
