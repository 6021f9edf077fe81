import { actionLabel, bucketLabel, tierLabel } from "../loans/loanLabels";
import {
  ARRANGEMENT_LABELS,
  channelName,
  describeBalance,
  describeConditions,
  describeOutcome,
  describePropensity,
  formatClock,
  formatHours,
  formatNumber,
  PROMISE_LABELS,
} from "./policyLabels";
import type { PolicyDefinition, PolicyRule } from "./policyModel";

export type ChangeKind = "Added" | "Removed" | "Moved" | "Changed";

export interface PolicyChange {
  kind: ChangeKind;
  /** One sentence naming what changed. */
  summary: string;
  /** "What: before → after" lines for a changed rule or setting. */
  details: string[];
}

export interface PolicyDiff {
  rules: PolicyChange[];
  contactRules: PolicyChange[];
  brokenPromise: PolicyChange[];
  empty: boolean;
}

const list = (values: string[] | undefined, label: (v: string) => string, none: string) =>
  values && values.length > 0 ? values.map(label).join(", ") : none;

/** Each part of a rule as words, so two versions compare part by part. */
function ruleParts(rule: PolicyRule): [string, string][] {
  const w = rule.when;
  return [
    ["Risk tiers", list(w.tiers, tierLabel, "any")],
    ["Buckets", list(w.buckets, bucketLabel, "any")],
    ["Promise", list(w.promise, (p) => PROMISE_LABELS[p as keyof typeof PROMISE_LABELS] ?? p, "any")],
    [
      "Arrangement",
      list(w.arrangement, (a) => ARRANGEMENT_LABELS[a as keyof typeof ARRANGEMENT_LABELS] ?? a, "any"),
    ],
    ["Balance", describeBalance(w.minBalance, w.maxBalance) ?? "any"],
    ["Propensity to pay", describePropensity(w.minPropensity, w.maxPropensity) ?? "any"],
    ["Action", actionLabel(rule.action)],
    ["Channels", list(rule.channels, channelName, "none")],
    ["Priority", String(rule.priority)],
    ["Due in", formatHours(rule.dueInHours)],
  ];
}

const ordinal = (i: number) => `rule ${i + 1}`;

/** The names both versions keep in the same relative order (a longest common subsequence). */
function keptInOrder(before: string[], after: string[]): Set<string> {
  const n = before.length;
  const m = after.length;
  // lengths[i * (m + 1) + j]: the longest common subsequence of before[i..] and after[j..].
  const lengths = new Array<number>((n + 1) * (m + 1)).fill(0);
  const at = (i: number, j: number) => lengths[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lengths[i * (m + 1) + j] =
        before[i] === after[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const name = before[i];
    if (name !== undefined && name === after[j]) {
      kept.add(name);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) i++;
    else j++;
  }
  return kept;
}

function diffRules(base: PolicyRule[], next: PolicyRule[]): PolicyChange[] {
  const baseIndex = new Map(base.map((r, i) => [r.name, i]));
  const nextIndex = new Map(next.map((r, i) => [r.name, i]));
  const changes: PolicyChange[] = [];
  next.forEach((rule, i) => {
    if (!baseIndex.has(rule.name))
      changes.push({
        kind: "Added",
        summary: `Added “${rule.name}” as ${ordinal(i)}: ${describeConditions(rule.when)} → ${describeOutcome(rule)}`,
        details: [],
      });
  });
  base.forEach((rule, i) => {
    if (!nextIndex.has(rule.name))
      changes.push({ kind: "Removed", summary: `Removed “${rule.name}” (was ${ordinal(i)})`, details: [] });
  });
  const common = (rules: PolicyRule[], other: Map<string, number>) =>
    rules.map((r) => r.name).filter((name) => other.has(name));
  const kept = keptInOrder(common(base, nextIndex), common(next, baseIndex));
  next.forEach((rule, i) => {
    const before = baseIndex.get(rule.name);
    const old = before === undefined ? undefined : base[before];
    if (before === undefined || old === undefined) return;
    const oldParts = new Map(ruleParts(old));
    const details = ruleParts(rule)
      .filter(([part, value]) => oldParts.get(part) !== value)
      .map(([part, value]) => `${part}: ${oldParts.get(part)} → ${value}`);
    if (!kept.has(rule.name))
      changes.push({
        kind: "Moved",
        summary: `Moved “${rule.name}” from ${ordinal(before)} to ${ordinal(i)}`,
        details: [],
      });
    if (details.length > 0) changes.push({ kind: "Changed", summary: `Changed “${rule.name}”`, details });
  });
  return changes;
}

function setting(label: string, before: string, after: string): PolicyChange[] {
  return before === after
    ? []
    : [{ kind: "Changed", summary: `${label}: ${before} → ${after}`, details: [] }];
}

/** The draft against the active version, in words a supervisor can check before saving. */
export function diffPolicies(base: PolicyDefinition, next: PolicyDefinition): PolicyDiff {
  const b = base.contactRules;
  const n = next.contactRules;
  const window = (c: typeof b) =>
    `${formatClock(c.windowStartMinutes)} to ${formatClock(c.windowEndMinutes)}`;
  const added = n.holidays.filter((d) => !b.holidays.includes(d));
  const removed = b.holidays.filter((d) => !n.holidays.includes(d));
  const contactRules = [
    ...setting(
      "Call attempts per 7 days",
      String(b.maxCallAttemptsPer7Days),
      String(n.maxCallAttemptsPer7Days),
    ),
    ...setting(
      "Days without calls after a conversation",
      String(b.noCallDaysAfterConversation),
      String(n.noCallDaysAfterConversation),
    ),
    ...setting("Contact window (borrower's local time)", window(b), window(n)),
    ...(added.length > 0
      ? [{ kind: "Added" as const, summary: `Holidays: ${added.join(", ")}`, details: [] }]
      : []),
    ...(removed.length > 0
      ? [{ kind: "Removed" as const, summary: `Holidays: ${removed.join(", ")}`, details: [] }]
      : []),
  ];
  const brokenPromise = [
    ...setting(
      "Priority steps added",
      String(base.brokenPromise.priorityBoost),
      String(next.brokenPromise.priorityBoost),
    ),
    ...setting(
      "Due-time factor",
      formatNumber(base.brokenPromise.dueFactor),
      formatNumber(next.brokenPromise.dueFactor),
    ),
  ];
  const rules = diffRules(base.rules, next.rules);
  return {
    rules,
    contactRules,
    brokenPromise,
    empty: rules.length + contactRules.length + brokenPromise.length === 0,
  };
}
