import type { Db } from "../../core/db/prisma-client.js";
import { Prisma } from "../../generated/prisma/client.js";
import {
  type ActionType,
  type DelinquencyBucket,
  PortfolioKind,
  type RiskTier,
  type TaskStatus,
} from "../../generated/prisma/enums.js";
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

export type WorklistRow = TaskFields & { borrowerId: string };

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
    ? Prisma.sql`WHERE (m.priority, m."dueAt", m.id) > (${q.after.priority}::int, ${q.after.dueAt}::timestamptz, ${q.after.id}::uuid)`
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
             l."borrowerId"
      FROM "Task" t
      CROSS JOIN LATERAL (
        SELECT l."borrowerId", l."currentBucket" FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
        WHERE l.id = t."loanId" AND p.kind = ${PortfolioKind.OPERATIONAL}::"PortfolioKind" OFFSET 0
      ) l
      WHERE ${Prisma.join(conditions, " AND ")}
    ),
    page AS (
      SELECT m.* FROM mine m ${seek} ORDER BY m.priority, m."dueAt", m.id LIMIT ${q.limit}
    )
    SELECT (SELECT count(*) FROM mine)::int AS "totalCount", page.*
    FROM (SELECT 1) AS one LEFT JOIN page ON true
    ORDER BY page.priority, page."dueAt", page.id`;
}

/** The worklist's task data access. */
export class WorklistRepository {
  constructor(private readonly db: Db) {}

  /** One page of an assignee's open work and the count of all of it, in one statement. */
  async page(q: WorklistQuery): Promise<{ rows: WorklistRow[]; totalCount: number }> {
    const result = await this.db.$queryRaw<(WorklistRow & { totalCount: number; id: string | null })[]>(
      worklistPageSql(q),
    );
    const totalCount = result[0]?.totalCount ?? 0;
    // With no task on the page, the one row left holds only the count.
    const rows = result.filter((r) => r.id !== null).map(({ totalCount: _, ...row }) => row as WorklistRow);
    return { rows, totalCount };
  }
}
