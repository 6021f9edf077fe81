import type { DbOrTx } from "../../core/db/prisma-client.js";
import type { Prisma, TaskStatus } from "../../generated/prisma/client.js";

export const taskFields = {
  id: true,
  loanId: true,
  actionType: true,
  status: true,
  priority: true,
  dueAt: true,
  assigneeId: true,
  teamId: true,
  outcome: true,
  outcomeNote: true,
  cancelReason: true,
  startedAt: true,
  completedAt: true,
  cancelledAt: true,
  previousTaskId: true,
  handoverNote: true,
  assignee: { select: { teamId: true } },
} as const satisfies Prisma.TaskSelect;

export type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskFields }>;

/** Tasks' data access; inside a transaction when built over one (`new TaskRepository(tx)`). */
export class TaskRepository {
  constructor(private readonly db: DbOrTx) {}

  findById(id: string): Promise<TaskRow | null> {
    return this.db.task.findUnique({ where: { id }, select: taskFields });
  }

  findByIds(ids: readonly string[]): Promise<TaskRow[]> {
    return this.db.task.findMany({ where: { id: { in: [...ids] } }, select: taskFields });
  }

  assign(id: string, assigneeId: string, teamId: string | null): Promise<TaskRow> {
    return this.db.task.update({ where: { id }, data: { assigneeId, teamId }, select: taskFields });
  }

  /** Gives open (unfinished) tasks to an agent; returns how many were still open. */
  async assignOpen(ids: readonly string[], assigneeId: string, teamId: string | null): Promise<number> {
    const { count } = await this.db.task.updateMany({
      where: { id: { in: [...ids] }, status: { in: ["OPEN", "IN_PROGRESS"] } },
      data: { assigneeId, teamId },
    });
    return count;
  }

  /**
   * Moves a task on only if it is still in `from` (a concurrent change or a rescoring may have moved it since
   * it was read); false when it was not.
   */
  async moveIfStatus(
    id: string,
    from: TaskStatus,
    data: Prisma.TaskUncheckedUpdateManyInput,
  ): Promise<boolean> {
    const { count } = await this.db.task.updateMany({ where: { id, status: from }, data });
    return count === 1;
  }

  findUserForAssignment(id: string) {
    return this.db.user.findUnique({
      where: { id },
      select: { id: true, role: true, teamId: true, active: true },
    });
  }
}
