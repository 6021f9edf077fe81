import { useEffect, useRef } from "react";
import { type LiveEvent, subscribeToLiveEvents } from "../liveEvents";

/**
 * Calls `listener` on every live event while the component is mounted (the portal's one connection; no
 * subscription of its own). The latest listener is used, so it may close over the component's state.
 */
export function useLiveEvents(listener: (event: LiveEvent) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribeToLiveEvents((event) => latest.current(event)), []);
}
