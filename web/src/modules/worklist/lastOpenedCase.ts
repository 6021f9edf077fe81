// The case an agent last opened from the worklist, so that coming back puts them where they were and "n"
// moves on from there. Per tab (sessionStorage), like the session itself.
const KEY = "creditpath.worklist.lastOpened";

export interface LastOpenedCase {
  taskId: string;
  /** Its place on the page it was opened from: when it has left the list, the next case took this place. */
  index: number;
  /** The query string of that page (filters and cursor), since places mean nothing on another page. */
  search: string;
}

export function readLastOpenedCase(): LastOpenedCase | null {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? "null");
    if (typeof parsed !== "object" || parsed === null) return null;
    const { taskId, index, search } = parsed as Partial<LastOpenedCase>;
    return typeof taskId === "string" && typeof index === "number" && typeof search === "string"
      ? { taskId, index, search }
      : null;
  } catch {
    return null;
  }
}

export function rememberOpenedCase(opened: LastOpenedCase): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(opened));
  } catch {
    // Storage disabled: the worklist simply starts from the top next time.
  }
}
