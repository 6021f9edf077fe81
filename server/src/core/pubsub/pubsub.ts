import { createPubSub } from "@graphql-yoga/subscription";
import { PgEventTarget, type PgEventTransport } from "./pg-event-target.js";

export interface TaskAssignedEvent {
  taskId: string;
  assigneeId: string;
  assignedById: string;
}

/**
 * A task changed state or hands (started, completed, assigned). It carries who may see the task (its assignee
 * and team, as they are after the change), so subscriptions filter without a query per event.
 */
export interface TaskUpdatedEvent {
  taskId: string;
  assigneeId: string | null;
  teamId: string | null;
  /** The task's status after the change. */
  status: string;
  updatedById: string;
}

/** Every topic and its payload: the one typed map that publishers and subscriptions share. */
export type Topics = {
  TASK_ASSIGNED: [TaskAssignedEvent];
  TASK_UPDATED: [TaskUpdatedEvent];
};

export const Topic = {
  TASK_ASSIGNED: "TASK_ASSIGNED",
  TASK_UPDATED: "TASK_UPDATED",
} as const satisfies Record<keyof Topics, keyof Topics>;

/**
 * The application's events. Given a database transport, they reach the subscribers of every server process on
 * that database (see PgEventTarget); without one (emitting the schema, unit tests) they stay in this process.
 * `listen()` resolves once this process receives the others' events; `close()` stops listening.
 */
export function createAppPubSub(transport?: PgEventTransport) {
  const target = transport ? new PgEventTarget(transport) : undefined;
  return Object.assign(createPubSub<Topics>(target ? { eventTarget: target } : undefined), {
    listen: (): Promise<void> => target?.listen() ?? Promise.resolve(),
    close: (): Promise<void> => target?.close() ?? Promise.resolve(),
  });
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
