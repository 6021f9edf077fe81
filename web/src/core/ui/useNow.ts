import { useEffect, useState } from "react";

/**
 * The current time in milliseconds, advanced every `intervalMs`: a clock on screen that does not go stale, and
 * "overdue" that turns on while the page stays open.
 */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
