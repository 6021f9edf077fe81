import { createPubSub } from "@graphql-yoga/subscription";
import { EVENTS_MISSED, type EventsMissed, PgEventTarget, type PgEventTransport } from "./pg-event-target.js";

export type { EventsMissed } from "./pg-event-target.js";

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
  /**
   * The agent the change took the task from, when it moved to someone else: they hear of it once more, so
   * their worklist drops it (see `wasTakenFrom`).
   */
  previousAssigneeId?: string | null;
}

/**
 * A pending promise to pay (or arrangement instalment) was found broken. It carries the loan's open task's
 * assignee and team, so subscriptions filter without a query per event; subscribers re-read the promise.
 */
export interface PromiseBrokenEvent {
  promiseId: string;
  loanId: string;
  assigneeId: string | null;
  teamId: string | null;
}

/**
 * A recommendation was made for one loan outside a batch run (rescoreLoan). It carries who may see the loan
 * now (its open task's assignee and team), so subscriptions filter without a query per event.
 */
export interface RecommendationCreatedEvent {
  recommendationId: string;
  loanId: string;
  assigneeId: string | null;
  teamId: string | null;
}

/**
 * What a batch rescoring changed, for one audience: one agent (`userId`), one team's supervisors (`teamId`),
 * or, with both null, managers and admins (the whole run). Counts, not ids: a run changes up to millions of
 * loans, and each subscriber gets one event per run (clients re-read their worklist).
 */
export interface RescoringCompletedEvent {
  runId: string;
  portfolioId: string;
  userId: string | null;
  teamId: string | null;
  /** Every loan of the run; null for an agent's or a team's event. */
  loansRescored: number | null;
  recommendationsCreated: number;
  tasksAssigned: number;
  /** Escalations the run put in the recovery managers' queue (0 in an agent's event: they are not theirs). */
  escalationsCreated: number;
  finishedAt: string;
  succeeded: boolean;
}

/**
 * A case went to the recovery managers' queue. Ids only, with the loan's team (a supervisor sees their team's
 * escalations); subscribers re-read the escalation through the access checks.
 */
export interface EscalationCreatedEvent {
  taskId: string;
  loanId: string;
  teamId: string | null;
  /** Null when the system escalated (rescoring). */
  escalatedById: string | null;
}

/** Every topic and its payload: the one typed map that publishers and subscriptions share. */
export type Topics = {
  TASK_ASSIGNED: [TaskAssignedEvent];
  TASK_UPDATED: [TaskUpdatedEvent];
  RECOMMENDATION_CREATED: [RecommendationCreatedEvent];
  RESCORING_COMPLETED: [RescoringCompletedEvent];
  PROMISE_BROKEN: [PromiseBrokenEvent];
  ESCALATION_CREATED: [EscalationCreatedEvent];
  /** Raised by this process only (see PgEventTarget): events of the other processes may have been missed. */
  [EVENTS_MISSED]: [EventsMissed];
};

export const Topic = {
  TASK_ASSIGNED: "TASK_ASSIGNED",
  TASK_UPDATED: "TASK_UPDATED",
  PROMISE_BROKEN: "PROMISE_BROKEN",
  RECOMMENDATION_CREATED: "RECOMMENDATION_CREATED",
  RESCORING_COMPLETED: "RESCORING_COMPLETED",
  ESCALATION_CREATED: "ESCALATION_CREATED",
  [EVENTS_MISSED]: EVENTS_MISSED,
} as const satisfies Record<keyof Topics, keyof Topics>;

/**
 * The application's events. Given a database transport, they reach the subscribers of every server process on
 * that database (see PgEventTarget); without one (emitting the schema, unit tests) they stay in this process.
 * `listen()` resolves once this process receives the others' events; `close()` stops listening;
 * `subscriptions(topic)` counts this process's live subscriptions to `topic` (0 without a transport).
 */
export function createAppPubSub(transport?: PgEventTransport) {
  const target = transport ? new PgEventTarget(transport) : undefined;
  return Object.assign(createPubSub<Topics>(target ? { eventTarget: target } : undefined), {
    listen: (): Promise<void> => target?.listen() ?? Promise.resolve(),
    close: (): Promise<void> => target?.close() ?? Promise.resolve(),
    subscriptions: (topic: keyof Topics): number => target?.listenerCount(topic) ?? 0,
  });
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
