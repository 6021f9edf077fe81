import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { useMutation } from "@apollo/client/react";
import { ASSIGN_TASK_MUTATION, REASSIGN_TASKS_MUTATION } from "../graphql/assignTasks";

/** Why one task of a refused reassignment could not move (the API's extensions.taskErrors). */
export interface TaskError {
  taskId: string;
  code: string;
  message: string;
}

export type AssignOutcome =
  | { ok: true; moved: number }
  | { ok: false; message: string; taskErrors: TaskError[]; assigneeError: string | null };

function isTaskError(value: unknown): value is TaskError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.taskId === "string" && typeof v.code === "string" && typeof v.message === "string";
}

/** What a refusal says, per task where the API lists them. */
function refusal(error: unknown): AssignOutcome {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = first?.extensions ?? {};
    const taskErrors = Array.isArray(extensions.taskErrors) ? extensions.taskErrors.filter(isTaskError) : [];
    const assigneeError = typeof extensions.assigneeError === "string" ? extensions.assigneeError : null;
    return { ok: false, message: first?.message ?? error.message, taskErrors, assigneeError };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    message: `The request did not reach the server (${message}): try again`,
    taskErrors: [],
    assigneeError: null,
  };
}

/**
 * Gives tasks to an agent: one task through assignTask, several through reassignTasks (all or nothing). Each
 * call is one logical request with its own idempotency key.
 */
export function useAssignTasks() {
  const [assignOne, one] = useMutation(ASSIGN_TASK_MUTATION);
  const [assignMany, many] = useMutation(REASSIGN_TASKS_MUTATION);

  const assign = async (taskIds: string[], assigneeId: string): Promise<AssignOutcome> => {
    const idempotencyKey = crypto.randomUUID();
    try {
      const [taskId] = taskIds;
      if (taskIds.length === 1 && taskId) {
        await assignOne({ variables: { input: { taskId, assigneeId, idempotencyKey } } });
      } else {
        await assignMany({ variables: { input: { taskIds, assigneeId, idempotencyKey } } });
      }
      return { ok: true, moved: taskIds.length };
    } catch (error) {
      return refusal(error);
    }
  };

  return { assign, busy: one.loading || many.loading };
}
