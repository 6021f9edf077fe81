import DataLoader from "dataloader";
import type pg from "pg";
import { queryRows } from "../../core/db/pg-sql.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Reason } from "./explain/reason-codes.js";
import type { PropensityToPay } from "./propensity-score.types.js";

/** The stored row of a propensity score as the worklist page and the loader read it. */
export interface PropensityRow {
  loanId: string;
  probability: number;
  overdueAmount: string;
  expectedRecovery: string;
  asOfDate: Date;
  reasons: unknown;
  scoredAt: Date;
  modelVersion: { version: string };
}

/**
 * A collection score's reasons say what raises or lowers the chance of the outcome (paying, keeping the
 * promise): stored like the PD's (a positive effect is RAISES_RISK), they are told apart in words here.
 */
export function chanceReasons(reasons: readonly Reason[]): Reason[] {
  return reasons.map((r) => ({
    ...r,
    direction: (r.direction === "RAISES_RISK" ? "RAISES_CHANCE" : "LOWERS_CHANCE") as Reason["direction"],
  }));
}

export function toPropensity(r: PropensityRow): PropensityToPay {
  return {
    probability: r.probability,
    overdueAmount: String(r.overdueAmount),
    expectedRecovery: String(r.expectedRecovery),
    asOfDate: r.asOfDate.toISOString().slice(0, 10),
    modelVersion: r.modelVersion.version,
    scoredAt: r.scoredAt.toISOString(),
    reasons: chanceReasons(r.reasons as Reason[]),
  };
}

/**
 * The latest propensity score of a loan as of its portfolio's date, as SQL over a loan id expression (the
 * worklist page and the loader read the same row): a loan that is no longer past due has none for that day.
 */
export function currentPropensitySql(loanId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT jsonb_build_object('loanId', ps."loanId", 'probability', ps.probability,
      'overdueAmount', ps."overdueAmount"::text, 'expectedRecovery', ps."expectedRecovery"::text,
      'asOfDate', ps."asOfDate", 'reasons', ps.reasons, 'scoredAt', ps."scoredAt",
      'modelVersion', jsonb_build_object('version', mv.version))
    FROM "PropensityScore" ps
    JOIN "ModelVersion" mv ON mv.id = ps."modelVersionId"
    JOIN "Loan" l ON l.id = ps."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId"
    WHERE ps."loanId" = ${loanId} AND ps."asOfDate" = p."asOfDate"
    ORDER BY ps."scoredAt" DESC LIMIT 1)`;
}

/** A row read as JSON (dates as text) back into its types. */
export function propensityFromJson(json: Record<string, unknown>): PropensityRow {
  return {
    ...(json as unknown as PropensityRow),
    asOfDate: new Date(`${String(json.asOfDate).slice(0, 10)}T00:00:00Z`),
    scoredAt: new Date(String(json.scoredAt)),
  };
}

/** Each loan's current propensity to pay (null when not past due or never scored), one query per request. */
export function createPropensityLoaders(pool: pg.Pool) {
  return {
    propensityByLoanId: new DataLoader<string, PropensityToPay | null>(async (loanIds) => {
      const rows = await queryRows<{ id: string; record: Record<string, unknown> | null }>(
        pool,
        Prisma.sql`SELECT x.id, ${currentPropensitySql(Prisma.sql`x.id`)} AS record
          FROM unnest(${[...loanIds]}::uuid[]) AS x(id)`,
      );
      const byLoan = new Map(
        rows.map((r) => [r.id, r.record ? toPropensity(propensityFromJson(r.record)) : null]),
      );
      return loanIds.map((id) => byLoan.get(id) ?? null);
    }),
  };
}
