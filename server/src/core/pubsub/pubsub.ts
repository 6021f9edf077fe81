import cluster from "node:cluster";
import { createPubSub } from "@graphql-yoga/subscription";

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

/** Every in-process topic and its payload: the one typed map that publishers and subscriptions share. */
export type Topics = {
  TASK_ASSIGNED: [TaskAssignedEvent];
  TASK_UPDATED: [TaskUpdatedEvent];
  ESCALATION_CREATED: [EscalationCreatedEvent];
};

export const Topic = {
  TASK_ASSIGNED: "TASK_ASSIGNED",
  TASK_UPDATED: "TASK_UPDATED",
  ESCALATION_CREATED: "ESCALATION_CREATED",
} as const satisfies Record<keyof Topics, keyof Topics>;

/** What a server process sends its siblings (through the primary process) for each batch of events. */
export interface RelayedEvents {
  creditpath: "pubsub";
  events: { topic: string; detail: unknown }[];
}

export function isRelayedEvents(message: unknown): message is RelayedEvents {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as RelayedEvents).creditpath === "pubsub" &&
    Array.isArray((message as RelayedEvents).events)
  );
}

/**
 * When the server runs as several processes, an agent's subscription lives in one of them while the task
 * may be assigned in another (the scheduled rescoring runs in one process only). Events published here are
 * delivered here and sent to the other processes through the primary; events from them are delivered
 * here. Events of one turn of the event loop travel as one message: a rescoring publishes thousands.
 */
class SiblingRelay extends EventTarget {
  private outbox: RelayedEvents["events"] = [];

  constructor() {
    super();
    process.on("message", (message: unknown) => {
      if (!isRelayedEvents(message)) return;
      for (const e of message.events) super.dispatchEvent(new CustomEvent(e.topic, { detail: e.detail }));
    });
  }

  override dispatchEvent(event: Event): boolean {
    const delivered = super.dispatchEvent(event);
    this.outbox.push({ topic: event.type, detail: (event as CustomEvent).detail });
    if (this.outbox.length === 1) setImmediate(() => this.sendOutbox());
    return delivered;
  }

  private sendOutbox() {
    const events = this.outbox;
    this.outbox = [];
    // The primary may be gone while this process shuts down: local subscribers already have the events.
    if (process.connected) process.send?.({ creditpath: "pubsub", events } satisfies RelayedEvents);
  }
}

export function createAppPubSub() {
  return createPubSub<Topics>(cluster.isWorker ? { eventTarget: new SiblingRelay() } : undefined);
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
