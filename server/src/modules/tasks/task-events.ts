import { type AppPubSub, Topic } from "../../core/pubsub/pubsub.js";
import type { InsertedTask } from "./task-alignment.repository.js";

/**
 * Tells live subscribers about committed new tasks: each agent of the work given to them, the recovery
 * managers (and the team's supervisor) of each escalation. `by` is the user id, or the job, that opened them.
 */
export function announceNewTasks(pubsub: AppPubSub, tasks: readonly InsertedTask[], by: string): void {
  for (const t of tasks) {
    if (t.escalation) {
      pubsub.publish(Topic.ESCALATION_CREATED, {
        taskId: t.id,
        loanId: t.loanId,
        teamId: t.teamId,
        escalatedById: null,
      });
    } else if (t.assigneeId) {
      pubsub.publish(Topic.TASK_ASSIGNED, { taskId: t.id, assigneeId: t.assigneeId, assignedById: by });
    }
  }
}
