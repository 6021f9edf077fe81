import type { UserPrincipal } from "../../core/auth/principal.js";
import { AppError, badInput, ErrorCode, forbidden, notFound } from "../../core/errors/app-error.js";
import { type AppPubSub, Topic } from "../../core/pubsub/pubsub.js";
import type { TaskRepository } from "./task.repository.js";
import type { Task } from "./task.types.js";

type TaskRow = Awaited<ReturnType<TaskRepository["findOpenForAssignee"]>>[number];

export const MAX_WORKLIST = 200;

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    loanId: row.loanId,
    actionType: row.actionType,
    status: row.status,
    priority: row.priority,
    dueAt: row.dueAt.toISOString(),
    assigneeId: row.assigneeId,
  };
}

export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly pubsub: AppPubSub,
  ) {}

  async myWorklist(principal: UserPrincipal, take: number): Promise<Task[]> {
    if (!Number.isInteger(take) || take < 1 || take > MAX_WORKLIST) {
      throw badInput(`take must be between 1 and ${MAX_WORKLIST}, got ${take}`);
    }
    return (await this.tasks.findOpenForAssignee(principal.userId, take)).map(toTask);
  }

  /** A task assigned to the user; anyone else's is reported as not found. */
  async getOwnTask(principal: UserPrincipal, taskId: string): Promise<Task> {
    const row = await this.tasks.findById(taskId);
    if (!row || row.assigneeId !== principal.userId) throw notFound("Task", taskId);
    return toTask(row);
  }

  /**
   * Supervisors (re)assign their team's tasks to agents of their team; managers and admins any task to any
   * active agent. Finished work is not reassigned.
   */
  async assign(principal: UserPrincipal, taskId: string, assigneeId: string): Promise<Task> {
    if (principal.role === "AGENT") throw forbidden("Agents cannot assign tasks: ask your supervisor");
    const task = await this.tasks.findById(taskId);
    const supervisorTeam = principal.role === "SUPERVISOR" ? principal.teamId : undefined;
    const taskTeam = task?.teamId ?? task?.assignee?.teamId ?? null;
    if (!task || (supervisorTeam !== undefined && taskTeam !== supervisorTeam))
      throw notFound("Task", taskId);
    if (task.status === "DONE" || task.status === "CANCELLED") {
      throw new AppError(
        ErrorCode.CONFLICT,
        `Task ${taskId} is ${task.status.toLowerCase()} and cannot be reassigned`,
      );
    }
    const assignee = await this.tasks.findUserForAssignment(assigneeId);
    if (!assignee?.active || assignee.role !== "AGENT") {
      throw badInput(`User ${assigneeId} is not an active agent`);
    }
    if (supervisorTeam !== undefined && assignee.teamId !== supervisorTeam) {
      throw forbidden("You can only assign work to agents of your own team");
    }
    const updated = await this.tasks.assign(taskId, assigneeId, assignee.teamId);
    this.pubsub.publish(Topic.TASK_ASSIGNED, { taskId, assigneeId, assignedById: principal.userId });
    return toTask(updated);
  }
}
