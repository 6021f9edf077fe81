import type { BadgeTone } from "../../core/ui/Badge";
import type { TaskStatus } from "../../gql/graphql";

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  DONE: "Done",
  CANCELLED: "Cancelled",
};

export const TASK_STATUS_TONES: Record<TaskStatus, BadgeTone> = {
  OPEN: "info",
  IN_PROGRESS: "warning",
  DONE: "success",
  CANCELLED: "neutral",
};

export const TASK_STATUSES = Object.keys(TASK_STATUS_LABELS) as TaskStatus[];

/** Finished work stays with whoever finished it: only these may be given to someone else. */
export const isReassignable = (status: TaskStatus): boolean => status === "OPEN" || status === "IN_PROGRESS";
