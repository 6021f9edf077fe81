import type {
  LiveBrokenPromise,
  LiveEscalation,
  LiveRescoring,
  LiveTask,
  LiveUpdatedTask,
} from "./graphql/liveSubscriptions";

/** What the live connection reported, for pages that keep their own lists (queues, team views). */
export type LiveEvent =
  | { kind: "taskAssigned"; task: LiveTask }
  | { kind: "taskUpdated"; task: LiveUpdatedTask }
  | { kind: "promiseBroken"; promise: LiveBrokenPromise }
  | { kind: "rescoringCompleted"; run: LiveRescoring }
  | { kind: "escalationCreated"; escalation: LiveEscalation }
  /**
   * The connection dropped and came back, the portal's or the server's own (to the database): anything may
   * have been missed, re-read what is shown.
   */
  | { kind: "reconnected" };

type Listener = (event: LiveEvent) => void;

const listeners = new Set<Listener>();

export function emitLiveEvent(event: LiveEvent): void {
  for (const listener of listeners) listener(event);
}

export function subscribeToLiveEvents(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
