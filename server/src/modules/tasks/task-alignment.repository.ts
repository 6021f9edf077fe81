import type pg from "pg";
import type { ActionType } from "../../generated/prisma/enums.js";
import { collectedSql, owesNothingSql } from "../loans/collectable.js";
import { openEscalations, pgRunner } from "./escalation-task.repository.js";
import { AUTOMATED_ACTIONS } from "./task-actions.js";

/** What bringing a chunk's tasks in line with its recommendations changed. */
export interface AlignmentCounts {
  /**
   * Unstarted tasks whose loan now owes nothing or only needs an automated reminder, and the system's
   * untaken escalations whose recommendation no longer escalates.
   */
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

/** A task rescoring opened; an escalation has no assignee and waits in the recovery managers' queue. */
export interface InsertedTask {
  id: string;
  assigneeId: string | null;
  loanId: string;
  teamId: string | null;
  escalation: boolean;
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

const ESCALATE: ActionType = "ESCALATE_TO_RECOVERY_MANAGER";

// One statement: the updates see the tasks as they were before it (they touch disjoint rows), and the count
// of started work reads the same snapshot. The system's own escalations (reason RECOMMENDED, not yet taken)
// follow the recommendation like any unstarted task: kept in line while it still escalates, cancelled when it
// no longer does (the loan's agent work is then made afresh). An escalation a person made, and a task a
// manager gave back (previousTaskId), carry a person's decision: neither is rewritten or cancelled. An
// agent's task is never turned into an escalation: the escalation replaces it (insertTasks).
// A callback the borrower asked for (a task with "communicationId") is a promise made to them, kept whatever
// the model now recommends: rescoring neither rewrites nor cancels it, nor puts an escalation in its place.
// Any other unstarted task of a loan that now owes nothing is cancelled (NOTHING_OWED).
const SYNC_OPEN_TASKS = `
  WITH active AS (
    SELECT DISTINCT ON ("loanId") id, "loanId", "actionType", priority, "dueAt", "actionType" = ANY($2::"ActionType"[]) AS automated
    FROM "Recommendation" WHERE "loanId" = ANY($1::uuid[]) AND status = 'ACTIVE' ORDER BY "loanId", "updatedAt" DESC
  ), open AS (
    SELECT t.id AS "taskId", t."actionType" = '${ESCALATE}' AS escalation, a.id AS "recId", a."actionType", a.priority, a."dueAt", a.automated,
           ${owesNothingSql("l")} AS settled
    FROM "Task" t JOIN active a ON a."loanId" = t."loanId" JOIN "Loan" l ON l.id = t."loanId"
    WHERE t.status = 'OPEN' AND t."previousTaskId" IS NULL AND t."communicationId" IS NULL
      AND (t."actionType" <> '${ESCALATE}' OR (t."escalationReason" = 'RECOMMENDED' AND t."escalatedById" IS NULL))
  ), cancelled AS (
    UPDATE "Task" t SET status = 'CANCELLED', "cancelledAt" = now(), "updatedAt" = now(),
      "cancelReason" = (CASE WHEN o.settled THEN 'NOTHING_OWED' WHEN o.automated THEN 'AUTOMATED_ACTION' ELSE 'RECOMMENDATION_CHANGED' END)::"TaskCancelReason"
    FROM open o WHERE t.id = o."taskId" AND (o.settled OR o.automated OR (o.escalation AND o."actionType" <> '${ESCALATE}'))
    RETURNING t.id
  ), aligned AS (
    UPDATE "Task" t SET "recommendationId" = o."recId", "actionType" = o."actionType", priority = o.priority, "dueAt" = o."dueAt", "updatedAt" = now()
    FROM open o WHERE t.id = o."taskId" AND NOT o.settled AND NOT o.automated AND o.escalation = (o."actionType" = '${ESCALATE}')
      AND (t."recommendationId", t."actionType", t.priority, t."dueAt") IS DISTINCT FROM (o."recId", o."actionType", o.priority, o."dueAt")
    RETURNING t.id
  )
  SELECT (SELECT count(*) FROM cancelled)::int AS cancelled, (SELECT count(*) FROM aligned)::int AS aligned,
    (SELECT count(*) FROM "Task" t JOIN active a ON a."loanId" = t."loanId"
     WHERE t.status = 'IN_PROGRESS' AND t."recommendationId" IS DISTINCT FROM a.id)::int AS "leftAlone"`;

// A recommendation already given a task is not given another until it changes (unless that task was cancelled
// because nothing was owed, and the loan owes again), nor is a loan no longer collected (owes nothing, or handed
// off by a recovery manager: loans/collectable.ts). An escalation takes the place of the loan's unstarted agent
// task, unless a manager gave that task back.
const NEEDING_TASK = `
  SELECT r.id AS "recommendationId", r."loanId", r."actionType", r.priority, r."dueAt"
  FROM "Recommendation" r JOIN "Loan" l ON l.id = r."loanId" AND ${collectedSql("l")}
  WHERE r."loanId" = ANY($1::uuid[]) AND r.status = 'ACTIVE' AND NOT (r."actionType" = ANY($2::"ActionType"[]))
    AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = r."loanId"
                    AND ((t."recommendationId" = r.id AND t."cancelReason" IS DISTINCT FROM 'NOTHING_OWED')
                         OR (t.status IN ('OPEN', 'IN_PROGRESS')
                             AND NOT (r."actionType" = '${ESCALATE}' AND t.status = 'OPEN'
                                      AND t."actionType" <> '${ESCALATE}' AND t."previousTaskId" IS NULL
                                      AND t."communicationId" IS NULL))))`;

// The partial unique index allows one open task per loan: should another writer (a seed, an import) have
// opened one since, it stays and this one is not added.
const INSERT_TASKS = `
  INSERT INTO "Task" ("loanId", "assigneeId", "teamId", "recommendationId", "actionType", priority, "dueAt", "updatedAt")
  SELECT * , now() FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::"ActionType"[], $6::int[], $7::timestamptz[])
  ON CONFLICT ("loanId") WHERE status IN ('OPEN', 'IN_PROGRESS') DO NOTHING
  RETURNING id, "assigneeId", "loanId", "teamId"`;

// The loan's open task (at most one) and who may see it: its assignee and its team (the task's, else the
// assignee's).
const OPEN_TASK_OWNERS = `
  SELECT t."loanId", t.id AS "taskId", t."assigneeId", COALESCE(t."teamId", u."teamId") AS "teamId"
  FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
  WHERE t."loanId" = ANY($1::uuid[]) AND t.status IN ('OPEN', 'IN_PROGRESS')`;

/** Who works a loan now: its open task's assignee and team (either may be null, e.g. an escalation). */
export interface OpenTaskOwner {
  loanId: string;
  taskId: string;
  assigneeId: string | null;
  teamId: string | null;
}

/**
 * The set-based task SQL of a rescoring: tasks follow each loan's active recommendation, a chunk of loans at
 * a time in the caller's transaction, whoever created them (rescoring, the synthetic generator, an import).
 */
export class TaskAlignmentRepository {
  constructor(private readonly client: pg.PoolClient) {}

  /**
   * Brings the loans' unstarted (OPEN) tasks in line with their active recommendation: cancelled when it is an
   * automated reminder (or, for the system's escalation, no longer an escalation), else given its action,
   * priority and due time. Started or finished work, and what a person decided, is not touched.
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

  /** The open task of each of the loans that has one, with who may see it (one query for a chunk). */
  async openTaskOwners(loanIds: readonly string[]): Promise<OpenTaskOwner[]> {
    if (loanIds.length === 0) return [];
    return (await this.client.query<OpenTaskOwner>(OPEN_TASK_OWNERS, [loanIds])).rows;
  }

  /**
   * Opens the tasks; escalations are made as every escalation is (openEscalations: unassigned, in place of
   * the loan's unstarted agent task).
   */
  async insertTasks(tasks: readonly NewTask[]): Promise<InsertedTask[]> {
    const escalations = tasks.filter((t) => t.actionType === ESCALATE);
    const work = tasks.filter((t) => t.actionType !== ESCALATE);
    const { created } = await openEscalations(
      pgRunner(this.client),
      escalations.map((t) => ({
        loanId: t.loanId,
        teamId: t.teamId,
        recommendationId: t.recommendationId,
        priority: t.priority,
        dueAt: t.dueAt,
        reason: "RECOMMENDED" as const,
        escalatedById: null,
        note: null,
      })),
    );
    const inserted = created.map((e) => ({
      id: e.id,
      assigneeId: null,
      loanId: e.loanId,
      teamId: e.teamId,
      escalation: true,
    }));
    if (work.length === 0) return inserted;
    const res = await this.client.query<{
      id: string;
      assigneeId: string | null;
      loanId: string;
      teamId: string | null;
    }>(INSERT_TASKS, [
      work.map((t) => t.loanId),
      work.map((t) => t.assigneeId),
      work.map((t) => t.teamId),
      work.map((t) => t.recommendationId),
      work.map((t) => t.actionType),
      work.map((t) => t.priority),
      work.map((t) => t.dueAt.toISOString()),
    ]);
    return [...inserted, ...res.rows.map((r) => ({ ...r, escalation: false }))];
  }
}
