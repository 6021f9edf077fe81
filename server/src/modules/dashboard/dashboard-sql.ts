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

/**
 * Payment `pay` stands on `day`: a payment made by then and not undone by a reversal or bounced debit made by
 * then (the SQL form of `effectivePayments`, features/payment-allocation.ts). Days are UTC days of the
 * payment instant, as `dayOf` takes them.
 */
export const PAYMENT_STANDS = (pay: string, day: string) => `
  ${pay}.type = 'PAYMENT' AND (${pay}."paidAt" AT TIME ZONE 'UTC')::date <= ${day}
  AND NOT EXISTS (SELECT 1 FROM "Payment" rev WHERE rev."reversesPaymentId" = ${pay}.id AND rev.type <> 'PAYMENT'
                  AND (rev."paidAt" AT TIME ZONE 'UTC')::date <= ${day})`;

/**
 * A loan's amount overdue on its portfolio's as-of date: what fell due before that day less what was paid by
 * then, never below zero. Payments go to the oldest amount due first (features/payment-allocation.ts), so
 * this is exactly the unpaid part of the amounts whose days past due count.
 */
export const AMOUNT_OVERDUE = (alias: string) => `GREATEST(0,
  (SELECT COALESCE(SUM(GREATEST(i."amountDue", 0)), 0) FROM "Instalment" i
     WHERE i."loanId" = ${alias}.id AND i."dueDate" < ${alias}."asOfDate")
  - (SELECT COALESCE(SUM(pay.amount), 0) FROM "Payment" pay
       WHERE pay."loanId" = ${alias}.id AND ${PAYMENT_STANDS("pay", `${alias}."asOfDate"`)}))`;
