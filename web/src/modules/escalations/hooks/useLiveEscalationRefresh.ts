import { useEffect, useRef } from "react";
import type { TaskStatus } from "../../../gql/graphql";
import { useLiveEvents } from "../../live/hooks/useLiveEvents";
import type { LiveEvent } from "../../live/liveEvents";

// Escalations come in bursts (a rescoring sends many at once): one re-read per burst.
const BURST_MS = 400;

/**
 * Whether the event changes the queue in the state shown: a new case. Not a case taken or resolved
 * (taskUpdated): that event is also this manager's own take, and the case they are working must not vanish.
 */
function changesQueue(event: LiveEvent, status: TaskStatus): boolean {
  switch (event.kind) {
    case "escalationCreated":
      return status === "OPEN";
    case "reconnected":
      return true;
    default:
      return false;
  }
}

/**
 * Re-reads the queue on screen when a live event changes it, so a new escalation appears without a reload
 * (modules/live shows its notice). Escalations are not in the live lists modules/live refreshes itself.
 */
export function useLiveEscalationRefresh(status: TaskStatus, refetch: () => void): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvents((event) => {
    if (!changesQueue(event, status)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(refetch, BURST_MS);
  });
}
