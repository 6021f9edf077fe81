import type { TaskStatus } from "../../generated/prisma/enums.js";

/** open -> in progress -> done, or cancelled (by the system) while not yet started. */
const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  OPEN: ["IN_PROGRESS", "CANCELLED"],
  IN_PROGRESS: ["DONE"],
  DONE: [],
  CANCELLED: [],
};

const WORDS: Record<TaskStatus, string> = {
  OPEN: "open (not started)",
  IN_PROGRESS: "in progress",
  DONE: "done",
  CANCELLED: "cancelled",
};

const HOW: Partial<Record<`${TaskStatus}>${TaskStatus}`, string>> = {
  "OPEN>DONE": "start it first (startTask), then complete it",
  "IN_PROGRESS>IN_PROGRESS": "it was already started: complete it when the work is done",
  "DONE>IN_PROGRESS": "finished work is not reopened",
  "CANCELLED>IN_PROGRESS": "it is no longer needed: see the loan's current recommendation",
  "CANCELLED>DONE": "it is no longer needed: see the loan's current recommendation",
  "DONE>DONE": "it was already completed",
};

export const canMove = (from: TaskStatus, to: TaskStatus): boolean => NEXT[from].includes(to);

/** Why a task in `from` cannot go to `to`, naming its state and what to do instead; null when it can. */
export function transitionRefusal(taskId: string, from: TaskStatus, to: TaskStatus): string | null {
  if (canMove(from, to)) return null;
  const how = HOW[`${from}>${to}`];
  return `Task ${taskId} is ${WORDS[from]} and cannot become ${WORDS[to]}${how ? `: ${how}` : ""}`;
}
