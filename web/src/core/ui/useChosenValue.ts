import { useState } from "react";

/**
 * A filter control's value that shows the user's choice at once. Filters live in the URL, and the router
 * applies a URL change in a transition: until it commits, a control bound to the URL alone springs back to
 * the old value (a checkbox clicked but shown unchecked). The applied value wins whenever it changes (back
 * button, "clear all").
 */
export function useChosenValue<T>(applied: T): [T, (next: T) => void] {
  const [chosen, setChosen] = useState(applied);
  const appliedKey = JSON.stringify(applied);
  const [seenKey, setSeenKey] = useState(appliedKey);
  if (appliedKey !== seenKey) {
    setSeenKey(appliedKey);
    setChosen(applied);
  }
  return [chosen, setChosen];
}
