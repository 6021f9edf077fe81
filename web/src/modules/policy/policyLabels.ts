import type { CommunicationChannel } from "../../gql/graphql";
import { actionLabel, bucketLabel, tierLabel } from "../loans/loanLabels";
import type { ArrangementCondition, PolicyRule, PromiseCondition } from "./policyModel";
import { percentText } from "./policyPercent";

export const CHANNEL_NAMES: Record<CommunicationChannel, string> = {
  CALL: "Phone call",
  SMS: "SMS",
  EMAIL: "E-mail",
  PUSH: "Push notification",
  FIELD_VISIT: "Field visit",
  LETTER: "Letter",
};

export const PROMISE_LABELS: Record<PromiseCondition, string> = {
  NONE: "No promise",
  PENDING: "Promise pending",
  KEPT: "Promise kept",
  BROKEN: "Promise broken",
  CANCELLED: "Promise cancelled",
};

export const ARRANGEMENT_LABELS: Record<ArrangementCondition, string> = {
  NONE: "No arrangement",
  ON_TRACK: "Arrangement on track",
  BROKEN: "Arrangement broken",
};

export const channelName = (c: string): string =>
  Object.hasOwn(CHANNEL_NAMES, c) ? CHANNEL_NAMES[c as CommunicationChannel] : c;

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
export const formatNumber = (n: number): string => numberFormat.format(n);

/** "72 h (3 days)": due times read in hours and, when long, in days. */
export function formatHours(hours: number): string {
  const days = hours / 24;
  return hours >= 48 && Number.isInteger(days)
    ? `${formatNumber(hours)} h (${formatNumber(days)} days)`
    : `${formatNumber(hours)} h`;
}

/** Minutes after midnight as a 24-hour clock time ("08:30"); 1440 is midnight at the end of the day. */
export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export function describeBalance(min: number | undefined, max: number | undefined): string | null {
  if (min !== undefined && max !== undefined) return `balance ${formatNumber(min)} to ${formatNumber(max)}`;
  if (min !== undefined) return `balance at least ${formatNumber(min)}`;
  if (max !== undefined) return `balance at most ${formatNumber(max)}`;
  return null;
}

/** Propensity bounds (0-1) in words, exact to the digit so a changed bound reads as changed. */
export function describePropensity(min: number | undefined, max: number | undefined): string | null {
  if (min !== undefined && max !== undefined)
    return `propensity to pay ${percentText(min)}% to ${percentText(max)}%`;
  if (min !== undefined) return `propensity to pay at least ${percentText(min)}%`;
  if (max !== undefined) return `propensity to pay at most ${percentText(max)}%`;
  return null;
}

/** The rule's conditions in words ("High risk; 60-89 DPD; balance at least 1,000"), or "every case". */
export function describeConditions(when: PolicyRule["when"]): string {
  const parts = [
    when.tiers?.map(tierLabel).join(" or "),
    when.buckets?.map(bucketLabel).join(" or "),
    when.promise?.map((p) => PROMISE_LABELS[p] ?? p).join(" or "),
    when.arrangement?.map((a) => ARRANGEMENT_LABELS[a] ?? a).join(" or "),
    describeBalance(when.minBalance, when.maxBalance),
    describePropensity(when.minPropensity, when.maxPropensity),
  ].filter((p): p is string => Boolean(p));
  return parts.length === 0 ? "Every case" : parts.join("; ");
}

/** What the rule does, in words ("Field visit via Field visit, Phone call; priority 1; due in 72 h"). */
export function describeOutcome(rule: PolicyRule): string {
  const via = rule.channels.length > 0 ? ` via ${rule.channels.map(channelName).join(", ")}` : "";
  return `${actionLabel(rule.action)}${via}; priority ${rule.priority}; due in ${formatHours(rule.dueInHours)}`;
}
