import type { ActionType, DelinquencyBucket, RiskTier, TaskStatus, WorklistFilter } from "../../gql/graphql";
import { BUCKET_LABELS } from "../loans/loanLabels";

// The worklist's filters live in the URL query string (shareable, kept by Back); this file is the one
// translation between that string, the form's state and the API's WorklistFilter.

export const BUCKETS = Object.keys(BUCKET_LABELS) as DelinquencyBucket[];

// Most severe first, as an agent scans them.
export const TIERS = [
  "IN_DEFAULT",
  "CRITICAL",
  "HIGH",
  "MEDIUM",
  "LOW",
] as const satisfies readonly RiskTier[];

// Only what a person works: automated reminders go out through the outbox, never as a task.
export const TASK_ACTIONS = [
  "CALL",
  "PAYMENT_PLAN",
  "FIELD_VISIT",
  "RESTRUCTURE",
  "SETTLEMENT_OFFER",
  "ESCALATE_TO_RECOVERY_MANAGER",
] as const satisfies readonly ActionType[];

// Finished and cancelled tasks are not work: the worklist holds only these.
export const WORKLIST_STATUSES = ["OPEN", "IN_PROGRESS"] as const satisfies readonly TaskStatus[];

export const STATUS_LABELS: Record<(typeof WORKLIST_STATUSES)[number], string> = {
  OPEN: "Not started",
  IN_PROGRESS: "In progress",
};

export const DUE_PRESETS = ["any", "overdue", "today", "week", "custom"] as const;
export type DuePreset = (typeof DUE_PRESETS)[number];

export const DUE_LABELS: Record<DuePreset, string> = {
  any: "Any time",
  overdue: "Overdue",
  today: "Due by the end of today",
  week: "Due in the next 7 days",
  custom: "Between dates…",
};

export interface WorklistFilterState {
  buckets: DelinquencyBucket[];
  tiers: RiskTier[];
  actions: ActionType[];
  statuses: TaskStatus[];
  due: DuePreset;
  /** "YYYY-MM-DD", first day included (custom range only) */
  from: string | null;
  /** "YYYY-MM-DD", last day included (custom range only) */
  to: string | null;
}

export const PARAM = {
  bucket: "bucket",
  tier: "tier",
  action: "action",
  status: "status",
  due: "due",
  from: "from",
  to: "to",
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// A date input's "YYYY-MM-DD" is a day on the agent's own calendar: its start is local midnight.
function startOfLocalDay(day: string): string | null {
  const match = DAY.exec(day) ? day.split("-").map(Number) : null;
  if (match === null) return null;
  const [year = 0, month = 1, date = 1] = match;
  const start = new Date(year, month - 1, date);
  return Number.isNaN(start.getTime()) ? null : start.toISOString();
}

function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

// Unknown values in a hand-edited or outdated link are dropped rather than sent to the API to be refused.
function allowed<T extends string>(values: string[], known: readonly T[]): T[] {
  return known.filter((k) => values.includes(k));
}

export function parseFilters(params: URLSearchParams): WorklistFilterState {
  const due = params.get(PARAM.due);
  const preset: DuePreset = DUE_PRESETS.includes(due as DuePreset) ? (due as DuePreset) : "any";
  const day = (name: string) => {
    const value = params.get(name);
    return preset === "custom" && value !== null && DAY.test(value) ? value : null;
  };
  return {
    buckets: allowed(params.getAll(PARAM.bucket), BUCKETS),
    tiers: allowed(params.getAll(PARAM.tier), TIERS),
    actions: allowed(params.getAll(PARAM.action), TASK_ACTIONS),
    statuses: allowed(params.getAll(PARAM.status), WORKLIST_STATUSES),
    due: preset,
    from: day(PARAM.from),
    to: day(PARAM.to),
  };
}

/** The query string for a filter state; paging starts again from the first case. */
export function filtersToParams(state: WorklistFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const b of state.buckets) params.append(PARAM.bucket, b);
  for (const t of state.tiers) params.append(PARAM.tier, t);
  for (const a of state.actions) params.append(PARAM.action, a);
  for (const s of state.statuses) params.append(PARAM.status, s);
  if (state.due !== "any") params.set(PARAM.due, state.due);
  if (state.due === "custom") {
    if (state.from) params.set(PARAM.from, state.from);
    if (state.to) params.set(PARAM.to, state.to);
  }
  return params;
}

export function activeFilterCount(state: WorklistFilterState): number {
  return (
    state.buckets.length +
    state.tiers.length +
    state.actions.length +
    state.statuses.length +
    (state.due === "any" || (state.due === "custom" && !state.from && !state.to) ? 0 : 1)
  );
}

function nextDay(day: string): string | null {
  const start = startOfLocalDay(day);
  if (start === null) return null;
  const date = new Date(start);
  date.setDate(date.getDate() + 1);
  return localDay(date);
}

/**
 * The API's filter; due presets are relative to `now`, which the caller fixes when the filters change so
 * that re-renders do not move the window (and refetch).
 */
export function toApiFilter(state: WorklistFilterState, now: Date): WorklistFilter | null {
  const filter: WorklistFilter = {};
  if (state.buckets.length > 0) filter.buckets = state.buckets;
  if (state.tiers.length > 0) filter.tiers = state.tiers;
  if (state.actions.length > 0) filter.actions = state.actions;
  if (state.statuses.length > 0) filter.statuses = state.statuses;
  switch (state.due) {
    case "any":
      break;
    case "overdue":
      filter.dueBefore = now.toISOString();
      break;
    case "today": {
      const tomorrow = nextDay(localDay(now));
      if (tomorrow) filter.dueBefore = startOfLocalDay(tomorrow);
      break;
    }
    case "week":
      filter.dueBefore = new Date(now.getTime() + 7 * 24 * 3600 * 1000).toISOString();
      break;
    case "custom": {
      if (state.from) filter.dueFrom = startOfLocalDay(state.from);
      const after = state.to ? nextDay(state.to) : null;
      if (after) filter.dueBefore = startOfLocalDay(after);
      break;
    }
  }
  return Object.keys(filter).length > 0 ? filter : null;
}
