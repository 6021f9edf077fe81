import type { TypedDocumentNode } from "@apollo/client";
import { useSubscription } from "@apollo/client/react";
import { useEffect, useRef } from "react";

// After a refused or failed subscription (the server closed the socket on an expired token, a deploy), try
// again a little later rather than staying deaf until a reload.
const RESTART_AFTER_MS = 5_000;

/** A subscription whose events go to `onEvent`; it restarts itself after an error. */
export function useLiveSubscription<TData>(
  document: TypedDocumentNode<TData, Record<string, never>>,
  { skip = false, onEvent }: { skip?: boolean; onEvent: (data: TData) => void },
): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { restart } = useSubscription(document, {
    skip,
    // Events are handled here; re-rendering the layout for each one would be wasted work.
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data) latest.current(data.data);
    },
    onError: () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => restartRef.current(), RESTART_AFTER_MS);
    },
  });
  const restartRef = useRef(restart);
  restartRef.current = restart;
  useEffect(() => () => clearTimeout(timer.current), []);
}
