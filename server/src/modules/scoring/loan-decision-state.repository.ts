import type { Db } from "../../core/db/prisma-client.js";

/**
 * What a loan's rescoring may change, as the audit trail records it: the latest score, the active
 * recommendation and the open task (codes, ids and times; never the rationale's words about the borrower).
 */
export class LoanDecisionStateRepository {
  constructor(private readonly db: Db) {}

  async snapshot(loanId: string) {
    const [score, recommendation, task] = await Promise.all([
      this.db.riskScore.findFirst({
        where: { loanId },
        orderBy: [{ asOfDate: "desc" }, { scoredAt: "desc" }],
        select: { id: true, probability: true, tier: true, bucket: true, dpd: true },
      }),
      this.db.recommendation.findFirst({
        where: { loanId, status: "ACTIVE" },
        select: {
          id: true,
          actionType: true,
          channel: true,
          priority: true,
          dueAt: true,
          contactAllowed: true,
          contactRules: true,
        },
      }),
      this.db.task.findFirst({
        where: { loanId, status: { in: ["OPEN", "IN_PROGRESS"] } },
        select: { id: true, status: true, actionType: true, priority: true, dueAt: true, assigneeId: true },
      }),
    ]);
    return {
      score,
      recommendation: recommendation && { ...recommendation, dueAt: recommendation.dueAt.toISOString() },
      task: task && { ...task, dueAt: task.dueAt.toISOString() },
    };
  }
}

export type LoanDecisionState = Awaited<ReturnType<LoanDecisionStateRepository["snapshot"]>>;
