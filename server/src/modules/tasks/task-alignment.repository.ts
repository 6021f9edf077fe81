import type pg from "pg";
import type { ActionType } from "../../generated/prisma/enums.js";
import { AUTOMATED_ACTIONS } from "./task-actions.js";

/** What bringing a chunk's tasks in line with its recommendations changed. */
export interface AlignmentCounts {
  /** Unstarted tasks whose loan now only needs an automated reminder. */
  cancelled: number;
  /** Unstarted tasks given the recommendation's action, priority and due time. */
  aligned: number;
  /** Started tasks that disagree with the recommendation: never rewritten. */
  leftAlone: number;
}

/** A loan's active recommendation that needs a person and that no task carries yet. */
export interface RecommendationNeedingTask {
  recommendationId: string;
  loanId: string;
  actionType: ActionType;
  priority: number;
  dueAt: Date;
}

export interface NewTask {
  loanId: string;
  assigneeId: string | null;
  teamId: string | null;
  recommendationId: string;
  actionType: ActionType;
  priority: number;
  dueAt: Date;
}

// A callback the borrower asked for (a task with "communicationId") is a promise made to them, kept whatever
// the model now recommends: rescoring neither rewrites nor cancels it.
// One statement: both updates see the tasks as they were before it (they touch disjoint rows: a loan's active
// recommendation is either automated or not), and the count of started work reads the same snapshot.
const SYNC_OPEN_TASKS = `
  WITH active AS (
    SELECT DISTINCT ON ("loanId") id, "loanId", "actionType", priority, "dueAt", "actionType" = ANY($2::"ActionType"[]) AS automated
    FROM "Recommendation" WHERE "loanId" = ANY($1::uuid[]) AND status = 'ACTIVE' ORDER BY "loanId", "updatedAt" DESC
  ), cancelled AS (
    UPDATE "Task" t SET status = 'CANCELLED', "cancelReason" = 'AUTOMATED_ACTION', "cancelledAt" = now(), "updatedAt" = now()
    FROM active a WHERE t."loanId" = a."loanId" AND t.status = 'OPEN' AND a.automated AND t."communicationId" IS NULL
    RETURNING t.id
  ), aligned AS (
    UPDATE "Task" t SET "recommendationId" = a.id, "actionType" = a."actionType", priority = a.priority, "dueAt" = a."dueAt", "updatedAt" = now()
    FROM active a WHERE t."loanId" = a."loanId" AND t.status = 'OPEN' AND NOT a.automated AND t."communicationId" IS NULL
      AND (t."recommendationId", t."actionType", t.priority, t."dueAt") IS DISTINCT FROM (a.id, a."actionType", a.priority, a."dueAt")
    RETURNING t.id
  )
  SELECT (SELECT count(*) FROM cancelled)::int AS cancelled, (SELECT count(*) FROM aligned)::int AS aligned,
    (SELECT count(*) FROM "Task" t JOIN active a ON a."loanId" = t."loanId"
     WHERE t.status = 'IN_PROGRESS' AND t."recommendationId" IS DISTINCT FROM a.id)::int AS "leftAlone"`;

// A recommendation already carried out (a task of it DONE) is not given a new task until it changes.
const NEEDING_TASK = `
  SELECT r.id AS "recommendationId", r."loanId", r."actionType", r.priority, r."dueAt"
  FROM "Recommendation" r
  WHERE r."loanId" = ANY($1::uuid[]) AND r.status = 'ACTIVE' AND NOT (r."actionType" = ANY($2::"ActionType"[]))
    AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = r."loanId"
                    AND (t.status IN ('OPEN', 'IN_PROGRESS') OR t."recommendationId" = r.id))`;

// The partial unique index allows one open task per loan: should another writer (a seed, an import) have
// opened one since, it stays and this one is not added.
const INSERT_TASKS = `
  INSERT INTO "Task" ("loanId", "assigneeId", "teamId", "recommendationId", "actionType", priority, "dueAt", "updatedAt")
  SELECT * , now() FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::"ActionType"[], $6::int[], $7::timestamptz[])
  ON CONFLICT ("loanId") WHERE status IN ('OPEN', 'IN_PROGRESS') DO NOTHING
  RETURNING id, "assigneeId"`;

/**
 * The set-based task SQL of a rescoring: tasks follow each loan's active recommendation, a chunk of loans at
 * a time in the caller's transaction, whoever created them (rescoring, the synthetic generator, an import).
 */
export class TaskAlignmentRepository {
  constructor(private readonly client: pg.PoolClient) {}

  /**
   * Brings the loans' unstarted (OPEN) tasks in line with their active recommendation: cancelled when it is an
   * automated reminder, else given its action, priority and due time. Started or finished work is not touched.
   */
  async syncOpenTasks(loanIds: readonly string[]): Promise<AlignmentCounts> {
    const res = await this.client.query<AlignmentCounts>(SYNC_OPEN_TASKS, [loanIds, AUTOMATED_ACTIONS]);
    return res.rows[0] ?? { cancelled: 0, aligned: 0, leftAlone: 0 };
  }

  /** Active recommendations that need a person, of loans with no open task and none made for them. */
  async findRecommendationsNeedingTask(loanIds: readonly string[]): Promise<RecommendationNeedingTask[]> {
    return (await this.client.query<RecommendationNeedingTask>(NEEDING_TASK, [loanIds, AUTOMATED_ACTIONS]))
      .rows;
  }

  async insertTasks(tasks: readonly NewTask[]): Promise<{ id: string; assigneeId: string | null }[]> {
    if (tasks.length === 0) return [];
    const res = await this.client.query<{ id: string; assigneeId: string | null }>(INSERT_TASKS, [
      tasks.map((t) => t.loanId),
      tasks.map((t) => t.assigneeId),
      tasks.map((t) => t.teamId),
      tasks.map((t) => t.recommendationId),
      tasks.map((t) => t.actionType),
      tasks.map((t) => t.priority),
      tasks.map((t) => t.dueAt.toISOString()),
    ]);
    return res.rows;
  }
}
