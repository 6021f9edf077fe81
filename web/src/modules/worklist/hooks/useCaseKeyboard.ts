import { type RefObject, useEffect } from "react";

export interface CaseKeyboardOptions {
  /** The cases' main links, in list order. */
  links: RefObject<(HTMLAnchorElement | null)[]>;
  /** The case to treat as current when none has focus (the one last opened), or -1. */
  fallbackIndex: () => number;
  open: (index: number, withContactForm: boolean) => void;
  enabled: boolean;
}

// Where typing must stay typing: the filter bar's fields, any editable text.
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName);
}

/**
 * The worklist's keys: arrow keys or j/k move between cases, "n" opens the next case, "l" opens the
 * current case with the contact form ready (Enter on a focused case's link opens it, as links do).
 */
export function useCaseKeyboard({ links, fallbackIndex, open, enabled }: CaseKeyboardOptions): void {
  useEffect(() => {
    if (!enabled) return;
    const focusedIndex = (): number => {
      const active = document.activeElement;
      if (active === null) return -1;
      return links.current.findIndex((link) => link?.closest("article")?.contains(active) ?? false);
    };
    const focusCase = (index: number) => {
      const list = links.current;
      const target = list[Math.max(0, Math.min(index, list.length - 1))];
      target?.focus();
      target?.closest("article")?.scrollIntoView({ block: "nearest" });
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      const count = links.current.length;
      if (count === 0) return;
      const focused = focusedIndex();
      const current = focused >= 0 ? focused : fallbackIndex();
      // Arrow keys scroll the page unless the agent is already moving through the cases.
      const inList = focused >= 0;
      switch (event.key) {
        case "j":
        case "ArrowDown":
          if (event.key === "ArrowDown" && !inList) return;
          focusCase(current + 1);
          break;
        case "k":
        case "ArrowUp":
          if (event.key === "ArrowUp" && !inList) return;
          focusCase(current < 0 ? 0 : current - 1);
          break;
        case "Home":
          if (!inList) return;
          focusCase(0);
          break;
        case "End":
          if (!inList) return;
          focusCase(count - 1);
          break;
        case "n":
          if (current + 1 >= count) return;
          open(current + 1, false);
          break;
        case "l":
          open(Math.max(current, 0), true);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [links, fallbackIndex, open, enabled]);
}
