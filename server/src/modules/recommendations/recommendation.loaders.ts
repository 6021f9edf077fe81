import DataLoader from "dataloader";
import type { Db } from "../../core/db/prisma-client.js";
import { recommendationContactRule } from "./contact-rule-result.js";
import type { Recommendation } from "./recommendation.types.js";

/** A recommendation's own columns, as every read of one takes them. */
export const recommendationFields = {
  id: true,
  status: true,
  createdAt: true,
  loanId: true,
  actionType: true,
  channel: true,
  priority: true,
  dueAt: true,
  rationale: true,
  policyVersion: true,
  updatedAt: true,
  contactAllowed: true,
  contactRules: true,
  contactReason: true,
  contactNextAllowedAt: true,
} as const;

const SELECT = {
  ...recommendationFields,
  // The borrower's zone, so that clients show the next allowed instant in the borrower's local time too.
  loan: { select: { borrower: { select: { timeZone: true } } } },
} as const;

export type RecommendationRow = {
  id: string;
  status: Recommendation["status"];
  createdAt: Date;
  loanId: string;
  actionType: Recommendation["actionType"];
  channel: Recommendation["channel"];
  priority: number;
  dueAt: Date;
  rationale: string;
  policyVersion: string | null;
  updatedAt: Date;
  contactAllowed: boolean | null;
  contactRules: string[];
  contactReason: string | null;
  contactNextAllowedAt: Date | null;
  loan: { borrower: { timeZone: string } };
};

export function toRecommendation({
  loan,
  contactAllowed,
  contactRules,
  contactReason,
  contactNextAllowedAt,
  ...r
}: RecommendationRow): Recommendation {
  return {
    ...r,
    dueAt: r.dueAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    contactRule:
      contactAllowed === null
        ? null
        : recommendationContactRule(
            {
              allowed: contactAllowed,
              rules: contactRules as never,
              reason: contactReason,
              nextAllowedAt: contactNextAllowedAt,
            },
            loan.borrower.timeZone,
          ),
  };
}

/** Each loan's active recommendation (null when there is none), for the loans of one request in one query. */
export function createRecommendationLoaders(db: Db) {
  return {
    activeRecommendationByLoanId: new DataLoader<string, Recommendation | null>(async (loanIds) => {
      const rows = await db.recommendation.findMany({
        where: { loanId: { in: [...loanIds] }, status: "ACTIVE" },
        orderBy: [{ loanId: "asc" }, { updatedAt: "desc" }],
        distinct: ["loanId"],
        select: SELECT,
      });
      const byLoan = new Map(rows.map((r): [string, Recommendation] => [r.loanId, toRecommendation(r)]));
      return loanIds.map((id) => byLoan.get(id) ?? null);
    }),
    /** Recommendations by id, whatever their status (callers check the loan's visibility first). */
    recommendationById: new DataLoader<string, Recommendation | null>(async (ids) => {
      const rows = await db.recommendation.findMany({ where: { id: { in: [...ids] } }, select: SELECT });
      const byId = new Map(rows.map((r): [string, Recommendation] => [r.id, toRecommendation(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
