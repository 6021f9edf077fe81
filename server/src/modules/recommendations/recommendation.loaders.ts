import DataLoader from "dataloader";
import type { Db } from "../../core/db/prisma-client.js";
import type { Recommendation } from "./recommendation.types.js";

/** Each loan's active recommendation (null when there is none), for the loans of one request in one query. */
export function createRecommendationLoaders(db: Db) {
  return {
    activeRecommendationByLoanId: new DataLoader<string, Recommendation | null>(async (loanIds) => {
      const rows = await db.recommendation.findMany({
        where: { loanId: { in: [...loanIds] }, status: "ACTIVE" },
        orderBy: [{ loanId: "asc" }, { updatedAt: "desc" }],
        distinct: ["loanId"],
        select: {
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
        },
      });
      const byLoan = new Map(
        rows.map((r): [string, Recommendation] => [
          r.loanId,
          {
            ...r,
            dueAt: r.dueAt.toISOString(),
            updatedAt: r.updatedAt.toISOString(),
            createdAt: r.createdAt.toISOString(),
          },
        ]),
      );
      return loanIds.map((id) => byLoan.get(id) ?? null);
    }),
  };
}
