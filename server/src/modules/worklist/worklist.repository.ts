import type pg from "pg";
import { jsonRecordSql } from "../../core/db/json-record.js";
import { queryRows } from "../../core/db/pg-sql.js";
import { Prisma } from "../../generated/prisma/client.js";
import {
  type ActionType,
  type DelinquencyBucket,
  PortfolioKind,
  type RiskTier,
  type TaskStatus,
} from "../../generated/prisma/enums.js";
import { AMOUNT_OVERDUE_SQL } from "../loans/arrears-sql.js";
import { borrowerFields, loanFields, portfolioFields } from "../loans/loan.repository.js";
import { promiseFields } from "../promises/promise.repository.js";
import { recommendationFields } from "../recommendations/recommendation.loaders.js";
import { currentPropensitySql } from "../scoring/propensity-score.loaders.js";
import { riskScoreFields } from "../scoring/risk-score.loaders.js";
import type { TaskFields } from "../tasks/task.service.js";
import type { WorklistPosition } from "./worklist-cursor.js";

export interface WorklistQuery {
  assigneeId: string;
  statuses: readonly TaskStatus[];
  buckets?: readonly DelinquencyBucket[];
  tiers?: readonly RiskTier[];
  actions?: readonly ActionType[];
  dueFrom?: Date;
  dueBefore?: Date;
  after?: WorklistPosition;
  /** Rows to return (the caller asks one more than the page, to know whether another page follows). */
  limit: number;
}

/**
 * A task of the page with what its item shows, each related row as JSON under its owner's field list
 * (`jsonRecordSql`): the loan, borrower and portfolio, the latest score (with its model's version), the
 * active recommendation, the pending promise (null when none) and the amount overdue.
 */
export type WorklistRow = TaskFields & {
  borrowerId: string;
  portfolioId: string;
  loanRecord: Record<string, unknown>;
  borrowerRecord: Record<string, unknown>;
  portfolioRecord: Record<string, unknown>;
  scoreRecord: Record<string, unknown> | null;
  recommendationRecord: Record<string, unknown> | null;
  promiseRecord: Record<string, unknown> | null;
  propensityRecord: Record<string, unknown> | null;
  amountOverdue: string;
  /** The order key after priority: minus the expected recovery (1 without a propensity score: last). */
  recoveryKey: string;
};

/**
 * What a page item shows besides its task, read with the page: each picks its row as the loader that serves
 * the same field does (the newest score, the latest active recommendation, the latest pending promise), so
 * the page needs no other statement for them.
 */
const RELATED = Prisma.sql`
  (SELECT ${jsonRecordSql("l", loanFields)} FROM "Loan" l WHERE l.id = page."loanId") AS "loanRecord",
  (SELECT ${jsonRecordSql("b", borrowerFields)} FROM "Borrower" b WHERE b.id = page."borrowerId") AS "borrowerRecord",
  (SELECT ${jsonRecordSql("p", portfolioFields)} FROM "Portfolio" p WHERE p.id = page."portfolioId") AS "portfolioRecord",
  (SELECT ${AMOUNT_OVERDUE_SQL}::text FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
    WHERE l.id = page."loanId") AS "amountOverdue",
  (SELECT ${jsonRecordSql("s", riskScoreFields)} || jsonb_build_object('modelVersion', jsonb_build_object('version', mv.version))
    FROM "RiskScore" s JOIN "ModelVersion" mv ON mv.id = s."modelVersionId"
    WHERE s."loanId" = page."loanId" ORDER BY s."scoredAt" DESC LIMIT 1) AS "scoreRecord",
  (SELECT ${jsonRecordSql("r", recommendationFields)} FROM "Recommendation" r
    WHERE r."loanId" = page."loanId" AND r.status = 'ACTIVE' ORDER BY r."updatedAt" DESC LIMIT 1) AS "recommendationRecord",
  (SELECT ${jsonRecordSql("o", promiseFields)} FROM "PromiseToPay" o
    WHERE o."loanId" = page."loanId" AND o.status = 'PENDING' ORDER BY o."createdAt" DESC LIMIT 1) AS "promiseRecord",
  ${currentPropensitySql(Prisma.sql`page."loanId"`)} AS "propensityRecord"`;

/** The page query, as SQL (exported so that a test can EXPLAIN it). */
export function worklistPageSql(q: WorklistQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`t."assigneeId" = ${q.assigneeId}::uuid`,
    Prisma.sql`t.status = ANY(${[...q.statuses]}::"TaskStatus"[])`,
    // Reference portfolios (portfolio/portfolio-kind.ts) are never worked.
  ];
  if (q.actions) conditions.push(Prisma.sql`t."actionType" = ANY(${[...q.actions]}::"ActionType"[])`);
  if (q.buckets)
    conditions.push(Prisma.sql`l."currentBucket" = ANY(${[...q.buckets]}::"DelinquencyBucket"[])`);
  if (q.dueFrom) conditions.push(Prisma.sql`t."dueAt" >= ${q.dueFrom}`);
  if (q.dueBefore) conditions.push(Prisma.sql`t."dueAt" < ${q.dueBefore}`);
  if (q.tiers)
    // The latest score's tier, as latestScoreByLoanId reads it (index RiskScore_loanId_scoredAt_idx).
    conditions.push(Prisma.sql`(SELECT s.tier FROM "RiskScore" s WHERE s."loanId" = t."loanId"
      ORDER BY s."scoredAt" DESC LIMIT 1) = ANY(${[...q.tiers]}::"RiskTier"[])`);
  const seek = q.after
    ? Prisma.sql`WHERE (m.priority, m."recoveryKey", m."dueAt", m.id)
        > (${q.after.priority}::int, ${q.after.recoveryKey}::numeric, ${q.after.dueAt}::timestamptz, ${q.after.id}::uuid)`
    : Prisma.empty;
  // The assignee's open tasks come from index Task_assigneeId_status_priority_dueAt_idx (a few hundred rows
  // at most per agent), are counted once and sorted once; the page follows them by keyset. Each task's loan
  // is looked up by its key: OFFSET 0 keeps that lateral subquery a per-task index probe, so the planner
  // never trades it for a scan of all loans (which it does where loans are few, and costs most where they
  // are many). Reference portfolios (portfolio/portfolio-kind.ts) are never worked.
  return Prisma.sql`
    WITH mine AS MATERIALIZED (
      SELECT t.id, t."loanId", t."actionType"::text AS "actionType", t.status::text AS status, t.priority,
             t."dueAt", t."assigneeId", t.outcome::text AS outcome, t."outcomeNote",
             t."cancelReason"::text AS "cancelReason", t."startedAt", t."completedAt", t."cancelledAt",
             t."previousTaskId"::text AS "previousTaskId", t."handoverNote",
             l."borrowerId", l."portfolioId",
             -- Within a priority, the most expected recovery first (overdue x propensity to pay, as of the
             -- portfolio's date); loans without a propensity score after those with one.
             COALESCE((SELECT -ps."expectedRecovery" FROM "PropensityScore" ps
                       WHERE ps."loanId" = t."loanId" AND ps."asOfDate" = l."asOfDate"
                       ORDER BY ps."scoredAt" DESC LIMIT 1), 1) AS "recoveryKey"
      FROM "Task" t
      CROSS JOIN LATERAL (
        SELECT l."borrowerId", l."portfolioId", l."currentBucket", p."asOfDate" FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
        WHERE l.id = t."loanId" AND p.kind = ${PortfolioKind.OPERATIONAL}::"PortfolioKind" OFFSET 0
      ) l
      WHERE ${Prisma.join(conditions, " AND ")}
    ),
    page AS (
      SELECT m.* FROM mine m ${seek} ORDER BY m.priority, m."recoveryKey", m."dueAt", m.id LIMIT ${q.limit}
    )
    SELECT (SELECT count(*) FROM mine)::int AS "totalCount", page.*, page."recoveryKey"::text AS "recoveryKey", ${RELATED}
    FROM (SELECT 1) AS one LEFT JOIN page ON true
    ORDER BY page.priority, page."recoveryKey", page."dueAt", page.id`;
}

/** The worklist's task data access. */
export class WorklistRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** One page of an assignee's open work, what each item shows, and the count of all of it: one statement. */
  async page(q: WorklistQuery): Promise<{ rows: WorklistRow[]; totalCount: number }> {
    const result = await queryRows<WorklistRow & { totalCount: number; id: string | null }>(
      this.pool,
      worklistPageSql(q),
      { prepared: true },
    );
    const totalCount = result[0]?.totalCount ?? 0;
    // With no task on the page, the one row left holds only the count.
    const rows = result.filter((r) => r.id !== null).map(({ totalCount: _, ...row }) => row as WorklistRow);
    return { rows, totalCount };
  }
}
