import type { UserPrincipal } from "../../core/auth/principal.js";
import type { DbTx } from "../../core/db/prisma-client.js";
import { AppError, conflict, forbidden, notFound } from "../../core/errors/app-error.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import { type AppPubSub, Topic } from "../../core/pubsub/pubsub.js";
import type { Prisma, TaskStatus } from "../../generated/prisma/client.js";
import { canSeeTask, wasTakenFrom } from "./task.access.js";
import type { AssignTaskInput, CompleteTaskInput, ReassignTasksInput, StartTaskArgs } from "./task.inputs.js";
import { TaskRepository, type TaskRow } from "./task.repository.js";
import type { Task } from "./task.types.js";
import { followUpPendingCallback } from "./task-follow-up.js";
import { TaskFollowUpRepository } from "./task-follow-up.repository.js";
import { transitionRefusal } from "./task-lifecycle.js";
import { checkAssignee, ESCALATION_REFUSAL, reassignAll, reassignmentRefusal } from "./task-reassignment.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The columns a task's GraphQL shape is made of (the worklist reads them with its own query). */
export type TaskFields = Pick<
  TaskRow,
  | "id"
  | "loanId"
  | "actionType"
  | "status"
  | "priority"
  | "dueAt"
  | "assigneeId"
  | "outcome"
  | "outcomeNote"
  | "cancelReason"
  | "startedAt"
  | "completedAt"
  | "cancelledAt"
  | "previousTaskId"
  | "handoverNote"
>;

export function toTask(row: TaskFields): Task {
  return {
    id: row.id,
    loanId: row.loanId,
    actionType: row.actionType,
    status: row.status,
    priority: row.priority,
    dueAt: row.dueAt.toISOString(),
    assigneeId: row.assigneeId,
    outcome: row.outcome,
    note: row.outcomeNote,
    cancelReason: row.cancelReason,
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    cancelledAt: iso(row.cancelledAt),
    previousTaskId: row.previousTaskId,
    handoverNote: row.handoverNote,
  };
}

const teamOf = (row: TaskRow) => row.teamId ?? row.assignee?.teamId ?? null;

/** A task's state as the audit trail records it: codes, ids and times, never the agent's free-text note. */
function auditState(row: TaskRow) {
  return {
    status: row.status,
    actionType: row.actionType,
    priority: row.priority,
    dueAt: row.dueAt.toISOString(),
    assigneeId: row.assigneeId,
    teamId: teamOf(row),
    outcome: row.outcome,
    cancelReason: row.cancelReason,
  };
}

export type TaskAuditState = ReturnType<typeof auditState>;

/** What a task mutation did: the task after it, its state before and after (for the audit trail). */
export interface TaskChange {
  task: Task;
  before: TaskAuditState;
  after: TaskAuditState;
  /** Answered from the idempotency key of an earlier call: nothing was applied this time. */
  replayed: boolean;
}

/** The agent a change took the task from, if it moved to someone else. */
const movedFrom = (before: TaskAuditState, after: TaskAuditState) =>
  before.assigneeId !== after.assigneeId ? before.assigneeId : null;

export class TaskService {
  /** Reads of live events' tasks, shared by the subscribers of one event (see getTaskOfEvent). */
  private readonly eventReads = new WeakMap<object, Promise<TaskRow | null>>();

  constructor(
    private readonly tasks: TaskRepository,
    private readonly idempotency: IdempotencyService,
    private readonly pubsub: AppPubSub,
  ) {}

  /** A task assigned to the user; anyone else's is reported as not found. */
  async getOwnTask(principal: UserPrincipal, taskId: string): Promise<Task> {
    const row = await this.tasks.findById(taskId);
    if (!row || row.assigneeId !== principal.userId) throw notFound("Task", taskId);
    return toTask(row);
  }

  /** A task the user may see (`canSeeTask`); any other is reported as not found. */
  async getVisibleTask(principal: UserPrincipal, taskId: string): Promise<Task> {
    return toTask(await visibleTask(this.tasks, principal, taskId));
  }

  /**
   * The task of a live event, for one subscriber: read once per event and process, however many sockets
   * hear it (a change seen by a thousand supervisors' and managers' sockets is one query, not a thousand),
   * then checked against this subscriber's access. The agent it was reassigned away from gets it without
   * its new assignee (whose, and which team's, it now is, is not theirs to know): assigneeId null.
   */
  async getTaskOfEvent(
    principal: UserPrincipal,
    event: { taskId: string; previousAssigneeId?: string | null },
  ): Promise<Task> {
    let read = this.eventReads.get(event);
    if (!read) {
      read = this.tasks.findById(event.taskId);
      this.eventReads.set(event, read);
    }
    const row = await read;
    if (row && canSeeTask(principal, { assigneeId: row.assigneeId, teamId: teamOf(row) })) return toTask(row);
    if (row && wasTakenFrom(principal, event)) return { ...toTask(row), assigneeId: null };
    throw notFound("Task", event.taskId);
  }

  /** The assignee (or their supervisor, a manager, an admin) starts work on an open task. */
  start(principal: UserPrincipal, { taskId, idempotencyKey }: StartTaskArgs): Promise<TaskChange> {
    return this.once(principal, "startTask", idempotencyKey, { taskId }, (repo) =>
      move(repo, principal, taskId, "IN_PROGRESS", { startedAt: new Date(), startedById: principal.userId }),
    );
  }

  /**
   * Work in progress is closed with what the agent found; a callback the borrower asked for meanwhile
   * becomes the loan's next task (see `followUpCallback`).
   */
  async complete(principal: UserPrincipal, input: CompleteTaskInput): Promise<TaskChange> {
    const { taskId, outcome } = input;
    const note = input.note?.trim() || null;
    let followUp: TaskRow | null = null;
    const change = await this.once(
      principal,
      "completeTask",
      input.idempotencyKey,
      { taskId, outcome, note },
      async (repo, tx) => {
        const moved = await move(repo, principal, taskId, "DONE", {
          completedAt: new Date(),
          completedById: principal.userId,
          outcome,
          outcomeNote: note,
        });
        followUp = await followUpPendingCallback(new TaskFollowUpRepository(tx), moved.after);
        return moved;
      },
    );
    const opened = followUp as TaskRow | null;
    if (!change.replayed && opened?.assigneeId) {
      this.pubsub.publish(Topic.TASK_ASSIGNED, {
        taskId: opened.id,
        assigneeId: opened.assigneeId,
        assignedById: principal.userId,
      });
    }
    return change;
  }

  /**
   * Supervisors (re)assign their team's tasks to agents of their team; managers and admins any task to any
   * active agent. Finished work is not reassigned.
   */
  async assign(principal: UserPrincipal, input: AssignTaskInput): Promise<TaskChange> {
    if (principal.role === "AGENT") throw forbidden("Agents cannot assign tasks: ask your supervisor");
    const { taskId, assigneeId } = input;
    const change = await this.once(
      principal,
      "assignTask",
      input.idempotencyKey,
      { taskId, assigneeId },
      (repo) => reassign(repo, principal, taskId, assigneeId),
    );
    if (!change.replayed) {
      this.pubsub.publish(Topic.TASK_ASSIGNED, { taskId, assigneeId, assignedById: principal.userId });
    }
    return change;
  }

  /**
   * Moves several tasks to one agent at once (a supervisor rebalancing an absent agent's work): all or
   * nothing, with the same rules as assignTask for each task. Each task is announced to the agent.
   */
  async reassignMany(principal: UserPrincipal, input: ReassignTasksInput): Promise<TaskChange[]> {
    if (principal.role === "AGENT") throw forbidden("Agents cannot reassign tasks: ask your supervisor");
    const { taskIds, assigneeId } = input;
    const { result, replayed } = await this.idempotency.run(
      {
        userId: principal.userId,
        key: input.idempotencyKey,
        operation: "reassignTasks",
        input: { taskIds, assigneeId },
      },
      async (tx) =>
        (await reassignAll(new TaskRepository(tx), principal, taskIds, assigneeId)).map(
          ({ before, after }) => ({
            task: toTask(after),
            before: auditState(before),
            after: auditState(after),
          }),
        ),
    );
    if (!replayed) {
      for (const change of result) {
        const { task, before, after } = change;
        this.pubsub.publish(Topic.TASK_ASSIGNED, {
          taskId: task.id,
          assigneeId,
          assignedById: principal.userId,
        });
        this.pubsub.publish(Topic.TASK_UPDATED, {
          taskId: task.id,
          assigneeId: after.assigneeId,
          teamId: after.teamId,
          status: after.status,
          updatedById: principal.userId,
          previousAssigneeId: movedFrom(before, after),
        });
      }
    }
    return result.map((change) => ({ ...change, replayed }));
  }

  /** Runs a change at most once per idempotency key, in one transaction; live subscribers hear of it after. */
  private async once(
    principal: UserPrincipal,
    operation: string,
    key: string,
    input: Record<string, unknown>,
    work: (repo: TaskRepository, tx: DbTx) => Promise<{ before: TaskRow; after: TaskRow }>,
  ): Promise<TaskChange> {
    const { result, replayed } = await this.idempotency.run(
      { userId: principal.userId, key, operation, input },
      async (tx) => {
        const { before, after } = await work(new TaskRepository(tx), tx);
        return { task: toTask(after), before: auditState(before), after: auditState(after) };
      },
    );
    if (!replayed) {
      this.pubsub.publish(Topic.TASK_UPDATED, {
        taskId: result.task.id,
        assigneeId: result.after.assigneeId,
        teamId: result.after.teamId,
        status: result.after.status,
        updatedById: principal.userId,
        previousAssigneeId: movedFrom(result.before, result.after),
      });
    }
    return { ...result, replayed };
  }
}

async function visibleTask(repo: TaskRepository, principal: UserPrincipal, taskId: string): Promise<TaskRow> {
  const row = await repo.findById(taskId);
  if (!row || !canSeeTask(principal, { assigneeId: row.assigneeId, teamId: teamOf(row) })) {
    throw notFound("Task", taskId);
  }
  return row;
}

/** One step of the lifecycle, refused with the task's state when it is not allowed from there. */
async function move(
  repo: TaskRepository,
  principal: UserPrincipal,
  taskId: string,
  to: TaskStatus,
  fields: Omit<Prisma.TaskUncheckedUpdateManyInput, "status">,
): Promise<{ before: TaskRow; after: TaskRow }> {
  const before = await visibleTask(repo, principal, taskId);
  if (before.actionType === "ESCALATE_TO_RECOVERY_MANAGER") {
    throw conflict(`Task ${taskId} ${ESCALATION_REFUSAL}`, { status: before.status });
  }
  const refusal = transitionRefusal(taskId, before.status, to);
  if (refusal) throw conflict(refusal, { status: before.status });
  if (!(await repo.moveIfStatus(taskId, before.status, { status: to, ...fields }))) {
    // Moved since it was read (a concurrent call, or a rescoring cancelling it): say where it is now.
    const now = (await repo.findById(taskId)) ?? before;
    throw conflict(
      transitionRefusal(taskId, now.status, to) ?? `Task ${taskId} changed meanwhile: try again`,
      {
        status: now.status,
      },
    );
  }
  return { before, after: (await repo.findById(taskId)) as TaskRow };
}

async function reassign(
  repo: TaskRepository,
  principal: UserPrincipal,
  taskId: string,
  assigneeId: string,
): Promise<{ before: TaskRow; after: TaskRow }> {
  const before = await repo.findById(taskId);
  const refusal = reassignmentRefusal(principal, taskId, before ?? undefined);
  if (refusal?.code === "NOT_FOUND" || !before) throw notFound("Task", taskId);
  if (refusal) throw conflict(refusal.message, { status: before.status });
  const assignee = await checkAssignee(repo, principal, assigneeId);
  if (assignee instanceof AppError) throw assignee;
  return { before, after: await repo.assign(taskId, assigneeId, assignee.teamId) };
}
