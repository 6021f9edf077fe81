import type { ActionType, CommunicationChannel, DelinquencyBucket, RiskTier } from "../../gql/graphql";
import { formatClock } from "./policyLabels";
import type { ArrangementCondition, PolicyDefinition, PromiseCondition } from "./policyModel";
import { percentText } from "./policyPercent";

// The form's own state: numbers stay the text the person typed until validation turns them into the
// policy, so a half-typed "1." or an emptied field is not lost or coerced while they edit.

export interface RuleDraft {
  /** Stable across reordering, so React keeps each card (and the focus inside it) with its rule. */
  key: string;
  name: string;
  tiers: RiskTier[];
  buckets: DelinquencyBucket[];
  promise: PromiseCondition[];
  arrangement: ArrangementCondition[];
  minBalance: string;
  maxBalance: string;
  /** Propensity bounds as the percentages (0-100) the form shows; the policy stores 0-1. */
  minPropensity: string;
  maxPropensity: string;
  action: ActionType;
  channels: CommunicationChannel[];
  priority: number;
  dueInHours: string;
}

export interface HolidayDraft {
  key: string;
  date: string;
}

export interface PolicyDraft {
  rules: RuleDraft[];
  contactRules: {
    maxCallAttemptsPer7Days: string;
    noCallDaysAfterConversation: string;
    /** "HH:MM" as a time input holds it; an end of "00:00" means midnight at the end of the day. */
    windowStart: string;
    windowEnd: string;
    holidays: HolidayDraft[];
  };
  brokenPromise: { priorityBoost: string; dueFactor: string };
}

let nextKey = 0;
export const newKey = (prefix: string): string => `${prefix}-${++nextKey}`;

export function newRuleDraft(): RuleDraft {
  return {
    key: newKey("rule"),
    name: "",
    tiers: [],
    buckets: [],
    promise: [],
    arrangement: [],
    minBalance: "",
    maxBalance: "",
    minPropensity: "",
    maxPropensity: "",
    action: "CALL",
    channels: ["CALL"],
    priority: 3,
    dueInHours: "48",
  };
}

const text = (n: number | undefined): string => (n === undefined ? "" : String(n));
const percent = (n: number | undefined): string => (n === undefined ? "" : percentText(n));

export function toDraft(policy: PolicyDefinition): PolicyDraft {
  const { contactRules: c, brokenPromise: b } = policy;
  return {
    rules: policy.rules.map((r) => ({
      key: newKey("rule"),
      name: r.name,
      tiers: [...(r.when.tiers ?? [])],
      buckets: [...(r.when.buckets ?? [])],
      promise: [...(r.when.promise ?? [])],
      arrangement: [...(r.when.arrangement ?? [])],
      minBalance: text(r.when.minBalance),
      maxBalance: text(r.when.maxBalance),
      minPropensity: percent(r.when.minPropensity),
      maxPropensity: percent(r.when.maxPropensity),
      action: r.action,
      channels: [...r.channels],
      priority: r.priority,
      dueInHours: String(r.dueInHours),
    })),
    contactRules: {
      maxCallAttemptsPer7Days: String(c.maxCallAttemptsPer7Days),
      noCallDaysAfterConversation: String(c.noCallDaysAfterConversation),
      windowStart: formatClock(c.windowStartMinutes),
      windowEnd: formatClock(c.windowEndMinutes % (24 * 60)),
      holidays: c.holidays.map((date) => ({ key: newKey("holiday"), date })),
    },
    brokenPromise: { priorityBoost: String(b.priorityBoost), dueFactor: String(b.dueFactor) },
  };
}
