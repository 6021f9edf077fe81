import DataLoader from "dataloader";
import type { Db } from "../../core/db/prisma-client.js";
import type { Reason } from "./explain/reason-codes.js";
import type { RiskScore } from "./risk-score.types.js";

/** A score's own columns, as the loaders read them (its model's version comes through the relation). */
export const riskScoreFields = {
  loanId: true,
  probability: true,
  tier: true,
  bucket: true,
  dpd: true,
  asOfDate: true,
  reasons: true,
  scoredAt: true,
} as const;

export interface RiskScoreRow {
  loanId: string;
  probability: number;
  tier: RiskScore["tier"];
  bucket: RiskScore["bucket"];
  dpd: number;
  asOfDate: Date;
  reasons: unknown;
  scoredAt: Date;
  modelVersion: { version: string };
}

export function toRiskScore(r: RiskScoreRow): RiskScore {
  return {
    probability: r.probability,
    tier: r.tier,
    bucket: r.bucket,
    daysPastDue: r.dpd,
    asOfDate: r.asOfDate.toISOString().slice(0, 10),
    modelVersion: r.modelVersion.version,
    scoredAt: r.scoredAt.toISOString(),
    reasons: r.reasons as Reason[],
  };
}

/** Each loan's most recent score (null when never scored), for the loans of one request in one query. */
export function createRiskScoreLoaders(db: Db) {
  return {
    latestScoreByLoanId: new DataLoader<string, RiskScore | null>(async (loanIds) => {
      // A loan has one score per model version and as-of date, so taking them all and keeping the newest
      // stays small.
      const rows = await db.riskScore.findMany({
        where: { loanId: { in: [...loanIds] } },
        orderBy: [{ loanId: "asc" }, { scoredAt: "desc" }],
        distinct: ["loanId"],
        select: { ...riskScoreFields, modelVersion: { select: { version: true } } },
      });
      const byLoan = new Map(rows.map((r): [string, RiskScore] => [r.loanId, toRiskScore(r)]));
      return loanIds.map((id) => byLoan.get(id) ?? null);
    }),
  };
}
