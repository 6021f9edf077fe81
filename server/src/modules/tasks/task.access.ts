import type { UserPrincipal } from "../../core/auth/principal.js";

/** Who a task belongs to: its assignee, and its team (the task's own, else its assignee's). */
export interface TaskOwnership {
  assigneeId: string | null;
  teamId: string | null;
}

/**
 * Who may see and work a task: its assignee, a supervisor of its team, any manager or admin. The one
 * definition for mutations and subscriptions (as `loanVisibility` is for loans); a task one may not see is
 * reported as not found.
 */
export function canSeeTask(principal: UserPrincipal, task: TaskOwnership): boolean {
  switch (principal.role) {
    case "ADMIN":
    case "MANAGER":
      return true;
    case "SUPERVISOR":
      return principal.teamId !== null && task.teamId === principal.teamId;
    case "AGENT":
      return task.assigneeId === principal.userId;
  }
}

/**
 * The user a task was just reassigned away from: told once that it left them, though they may no longer see
 * it (and are told nothing of where it went: see `TaskService.getTaskOfEvent`).
 */
export function wasTakenFrom(
  principal: UserPrincipal,
  event: { previousAssigneeId?: string | null },
): boolean {
  return event.previousAssigneeId != null && event.previousAssigneeId === principal.userId;
}
