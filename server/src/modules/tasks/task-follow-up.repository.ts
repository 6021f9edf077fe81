import type { DbOrTx } from "../../core/db/prisma-client.js";
import type { ActionType } from "../../generated/prisma/enums.js";
import { type TaskRow, taskFields } from "./task.repository.js";

/** A task to open for a callback the borrower asked for. */
export interface NewFollowUpTask {
  loanId: string;
  communicationId: string;
  assigneeId: string | null;
  teamId: string | null;
  actionType: ActionType;
  priority: number;
  dueAt: Date;
}

/** A callback request that no task carries yet. */
export interface PendingCallback {
  communicationId: string;
  callbackAt: Date;
}

/** The data access of callback follow-ups; inside the caller's transaction when built over one. */
export class TaskFollowUpRepository {
  constructor(private readonly db: DbOrTx) {}

  findOpenForLoan(loanId: string): Promise<TaskRow | null> {
    return this.db.task.findFirst({
      where: { loanId, status: { in: ["OPEN", "IN_PROGRESS"] } },
      select: taskFields,
    });
  }

  findById(id: string): Promise<TaskRow | null> {
    return this.db.task.findUnique({ where: { id }, select: taskFields });
  }

  /** The loan's most recent task, whatever its state, with its assignee's standing: who last worked it. */
  findLastWorked(loanId: string) {
    return this.db.task.findFirst({
      where: { loanId },
      orderBy: { createdAt: "desc" },
      select: { teamId: true, assignee: { select: { id: true, role: true, active: true, teamId: true } } },
    });
  }

  /**
   * Opens the task unless the loan already has an open one (the partial unique index Task_one_open_per_loan
   * decides, so a concurrent writer cannot make two): its id, or null when another open task won.
   */
  async createUnlessOpen(t: NewFollowUpTask): Promise<string | null> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Task" ("loanId", "communicationId", "assigneeId", "teamId", "actionType", priority, "dueAt", "updatedAt")
      VALUES (${t.loanId}::uuid, ${t.communicationId}::uuid, ${t.assigneeId}::uuid, ${t.teamId}::uuid,
              ${t.actionType}::"ActionType", ${t.priority}, ${t.dueAt}, now())
      ON CONFLICT ("loanId") WHERE status IN ('OPEN', 'IN_PROGRESS') DO NOTHING
      RETURNING id`;
    return rows[0]?.id ?? null;
  }

  /** Gives an unstarted task the callback's action, priority and due time; false if it was started meanwhile. */
  async alignIfOpen(
    taskId: string,
    fields: Omit<NewFollowUpTask, "loanId" | "assigneeId" | "teamId"> & {
      assigneeId?: string | null;
      teamId?: string | null;
    },
  ): Promise<boolean> {
    const { count } = await this.db.task.updateMany({
      where: { id: taskId, status: "OPEN" },
      data: { ...fields, recommendationId: null },
    });
    return count === 1;
  }

  /**
   * The loan's latest callback request logged since `taskId` was created that no task carries: one asked for
   * while that task was open or in progress.
   */
  async findPendingCallback(loanId: string, taskId: string): Promise<PendingCallback | null> {
    const rows = await this.db.$queryRaw<PendingCallback[]>`
      SELECT c.id AS "communicationId", c."callbackAt"
      FROM "Communication" c
      WHERE c."loanId" = ${loanId}::uuid AND c.outcome = 'CALLBACK_REQUESTED' AND c."callbackAt" IS NOT NULL
        AND c."createdAt" >= (SELECT "createdAt" FROM "Task" WHERE id = ${taskId}::uuid)
        AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."communicationId" = c.id)
      ORDER BY c."createdAt" DESC, c."startedAt" DESC
      LIMIT 1`;
    return rows[0] ?? null;
  }
}
