import type { UserPrincipal } from "../../core/auth/principal.js";
import { AppError, ErrorCode } from "../../core/errors/app-error.js";
import { canSeeTask } from "./task.access.js";
import type { TaskRepository, TaskRow } from "./task.repository.js";

/** Why one task of a bulk reassignment cannot move. */
export interface TaskRefusal {
  taskId: string;
  code: "NOT_FOUND" | "CONFLICT";
  message: string;
}

export const ESCALATION_REFUSAL =
  "is an escalation: a recovery manager takes it (takeEscalation) and closes it (resolveEscalation)";

/** Why a task cannot be given to someone else, or null when it can. */
export function reassignmentRefusal(principal: UserPrincipal, taskId: string, row: TaskRow | undefined) {
  const teamId = row ? (row.teamId ?? row.assignee?.teamId ?? null) : null;
  if (!row || !canSeeTask(principal, { assigneeId: row.assigneeId, teamId })) {
    return { taskId, code: "NOT_FOUND" as const, message: `Task ${taskId} not found` };
  }
  if (row.status === "DONE" || row.status === "CANCELLED") {
    const message = `Task ${taskId} is ${row.status.toLowerCase()}: finished work is not reassigned`;
    return { taskId, code: "CONFLICT" as const, message };
  }
  if (row.actionType === "ESCALATE_TO_RECOVERY_MANAGER") {
    return { taskId, code: "CONFLICT" as const, message: `Task ${taskId} ${ESCALATION_REFUSAL}` };
  }
  return null;
}

/**
 * Checks who may receive work: an active agent, of the caller's team when the caller is a supervisor. Returns
 * the agent, or the refusal (a supervisor giving work outside the team is FORBIDDEN).
 */
export async function checkAssignee(repo: TaskRepository, principal: UserPrincipal, assigneeId: string) {
  const assignee = await repo.findUserForAssignment(assigneeId);
  if (!assignee?.active || assignee.role !== "AGENT") {
    return new AppError(
      ErrorCode.BAD_USER_INPUT,
      `assigneeId: user ${assigneeId} is not an active agent: choose an active agent`,
      { field: "assigneeId" },
    );
  }
  if (principal.role === "SUPERVISOR" && assignee.teamId !== principal.teamId) {
    return new AppError(ErrorCode.FORBIDDEN, "You can only assign work to agents of your own team", {
      field: "assigneeId",
    });
  }
  return assignee;
}

/**
 * All or nothing: every task must be open and visible to the caller, and the assignee acceptable, or none
 * moves. The refusal lists each task that cannot move (extensions.taskErrors); its code is the gravest.
 */
export async function reassignAll(
  repo: TaskRepository,
  principal: UserPrincipal,
  taskIds: readonly string[],
  assigneeId: string,
): Promise<{ before: TaskRow; after: TaskRow }[]> {
  const rows = new Map((await repo.findByIds(taskIds)).map((r) => [r.id, r]));
  const refusals = taskIds
    .map((id) => reassignmentRefusal(principal, id, rows.get(id)))
    .filter((r): r is TaskRefusal => r !== null);
  const assignee = await checkAssignee(repo, principal, assigneeId);
  if (refusals.length > 0 || assignee instanceof AppError) {
    const problems = [
      ...(assignee instanceof AppError ? [assignee.message] : []),
      ...refusals.map((r) => r.message),
    ];
    // A conflict on a task the caller sees comes first (each refusal is listed); then a task the caller may
    // not see, which looks absent whatever else is wrong (the assignee check would tell it exists).
    const code = refusals.some((r) => r.code === ErrorCode.CONFLICT)
      ? ErrorCode.CONFLICT
      : refusals.length > 0
        ? ErrorCode.NOT_FOUND
        : (assignee as AppError).code;
    throw new AppError(code, `No task was reassigned: ${problems.join("; ")}`, {
      taskErrors: refusals,
      ...(assignee instanceof AppError ? { assigneeError: assignee.message } : {}),
    });
  }
  const moved = await repo.assignOpen(taskIds, assigneeId, assignee.teamId);
  if (moved !== taskIds.length) {
    // A task was finished or cancelled since it was read (rescoring, its agent): the transaction rolls back.
    throw new AppError(
      ErrorCode.CONFLICT,
      "Some of the tasks changed meanwhile: nothing was reassigned, try again",
    );
  }
  const after = new Map((await repo.findByIds(taskIds)).map((r) => [r.id, r]));
  return taskIds.map((id) => ({ before: rows.get(id) as TaskRow, after: after.get(id) as TaskRow }));
}
