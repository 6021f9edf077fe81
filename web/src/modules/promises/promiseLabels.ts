import type { BadgeTone } from "../../core/ui/Badge";
import type { PromiseStatus } from "../../gql/graphql";

export const PROMISE_STATUS_LABELS: Record<PromiseStatus, string> = {
  BROKEN: "Broken",
  PENDING: "Pending",
  KEPT: "Kept",
  CANCELLED: "Cancelled",
};

export const PROMISE_STATUS_TONES: Record<PromiseStatus, BadgeTone> = {
  BROKEN: "danger",
  PENDING: "info",
  KEPT: "success",
  CANCELLED: "neutral",
};

export const PROMISE_STATUSES = Object.keys(PROMISE_STATUS_LABELS) as PromiseStatus[];
