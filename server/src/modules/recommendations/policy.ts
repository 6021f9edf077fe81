import type { ActionType, DelinquencyBucket, RiskTier } from "../../generated/prisma/enums.js";
import { type Channel, type ContactRules, DEFAULT_CONTACT_RULES } from "../contact-rules/contact-rules.js";
import type { ArrangementCondition, PromiseState } from "../features/promise-status.js";

export type PromiseCondition = PromiseState | "NONE";

/** One row of a policy: the first row whose conditions all hold decides the action. */
export interface PolicyRule {
  name: string;
  when: {
    tiers?: RiskTier[];
    buckets?: DelinquencyBucket[];
    promise?: PromiseCondition[];
    /** Whether the loan is on a payment arrangement (plan or settlement) whose instalments are kept so far. */
    arrangement?: ArrangementCondition[];
    /** Outstanding balance bounds, in the loan's currency. */
    minBalance?: number;
    maxBalance?: number;
    /**
     * Propensity-to-pay bounds (0-1): the chance that a loan past due pays half of what is overdue within 30
     * days. A loan without that score (not past due, or no propensity model) matches no row that names them.
     */
    minPropensity?: number;
    maxPropensity?: number;
  };
  action: ActionType;
  /** Channels in order of preference; empty for actions that are not a contact (an escalation). */
  channels: Channel[];
  /** 1 (most urgent) to 5. */
  priority: number;
  dueInHours: number;
}

export interface Policy {
  version: number;
  rules: PolicyRule[];
  contactRules: ContactRules;
  /** A broken promise makes the case this many priority steps more urgent, and due this much sooner. */
  brokenPromise: { priorityBoost: number; dueFactor: number };
}

const ALL_BUCKETS: DelinquencyBucket[] = [
  "CURRENT",
  "DPD_1_14",
  "DPD_15_29",
  "DPD_30_59",
  "DPD_60_89",
  "DPD_90_PLUS",
];

/** The policy a new installation starts with; supervisors change it by saving a new version. */
export const DEFAULT_POLICY: Policy = {
  version: 1,
  contactRules: DEFAULT_CONTACT_RULES,
  brokenPromise: { priorityBoost: 1, dueFactor: 0.5 },
  rules: [
    {
      // A borrower keeping an agreed plan is reminded of the next instalment, not pressed harder.
      name: "arrangement-on-track",
      when: { arrangement: ["ON_TRACK"] },
      action: "SMS_REMINDER",
      channels: ["SMS", "PUSH", "EMAIL"],
      priority: 4,
      dueInHours: 72,
    },
    // A loan in default (90+ days past due) has no PD tier: it is worked on its chance to pay. Whoever is
    // likely to pay gets a plan; a middling chance, a settlement; an unlikely one goes to a recovery manager
    // (agency, legal or write-off). Without a propensity model every loan in default gets a settlement offer.
    {
      name: "in-default-likely-to-pay",
      when: { tiers: ["IN_DEFAULT"], minPropensity: 0.5 },
      action: "PAYMENT_PLAN",
      channels: ["CALL", "SMS", "EMAIL"],
      priority: 1,
      dueInHours: 24,
    },
    {
      name: "in-default-unlikely-to-pay",
      when: { tiers: ["IN_DEFAULT"], maxPropensity: 0.15 },
      action: "ESCALATE_TO_RECOVERY_MANAGER",
      channels: [],
      priority: 2,
      dueInHours: 72,
    },
    {
      name: "in-default-settlement",
      when: { tiers: ["IN_DEFAULT"] },
      action: "SETTLEMENT_OFFER",
      channels: ["CALL", "LETTER", "EMAIL"],
      priority: 1,
      dueInHours: 48,
    },
    {
      name: "critical-escalation",
      when: { tiers: ["CRITICAL"] },
      action: "ESCALATE_TO_RECOVERY_MANAGER",
      channels: [],
      priority: 1,
      dueInHours: 24,
    },
    {
      name: "high-60-field-visit",
      when: { tiers: ["HIGH"], buckets: ["DPD_60_89"], minBalance: 1000 },
      action: "FIELD_VISIT",
      channels: ["FIELD_VISIT", "CALL"],
      priority: 1,
      dueInHours: 72,
    },
    {
      name: "high-restructure",
      when: { tiers: ["HIGH"] },
      action: "RESTRUCTURE",
      channels: ["CALL", "EMAIL", "SMS"],
      priority: 2,
      dueInHours: 48,
    },
    {
      name: "medium-promise-pending",
      when: { tiers: ["MEDIUM"], promise: ["PENDING"] },
      action: "SMS_REMINDER",
      channels: ["SMS", "PUSH", "EMAIL"],
      priority: 4,
      dueInHours: 24,
    },
    {
      name: "medium-payment-plan",
      when: { tiers: ["MEDIUM"], buckets: ALL_BUCKETS.filter((b) => b !== "CURRENT") },
      action: "PAYMENT_PLAN",
      channels: ["CALL", "SMS", "EMAIL"],
      priority: 2,
      dueInHours: 24,
    },
    {
      name: "medium-call",
      when: { tiers: ["MEDIUM"] },
      action: "CALL",
      channels: ["CALL", "SMS"],
      priority: 3,
      dueInHours: 48,
    },
    {
      name: "low-reminder",
      when: { tiers: ["LOW"] },
      action: "SMS_REMINDER",
      channels: ["SMS", "PUSH", "EMAIL"],
      priority: 4,
      dueInHours: 72,
    },
  ],
};

export interface CaseFacts {
  tier: RiskTier;
  bucket: DelinquencyBucket;
  /** The most recent promise's state, or NONE. */
  promise: PromiseCondition;
  /** The loan's latest payment arrangement (NONE when absent): a broken instalment counts as a broken promise. */
  arrangement?: ArrangementCondition;
  balance: number | null;
  /** The loan's propensity to pay, when it is past due and a propensity model serves. */
  propensity?: number | null;
}

export interface PolicyDecision {
  rule: PolicyRule;
  priority: number;
  dueInHours: number;
  brokenPromiseEscalated: boolean;
}

function matches(rule: PolicyRule, c: CaseFacts): boolean {
  const w = rule.when;
  if (w.tiers && !w.tiers.includes(c.tier)) return false;
  if (w.buckets && !w.buckets.includes(c.bucket)) return false;
  if (w.promise && !w.promise.includes(c.promise)) return false;
  if (w.arrangement && !w.arrangement.includes(c.arrangement ?? "NONE")) return false;
  if (w.minBalance !== undefined && (c.balance === null || c.balance < w.minBalance)) return false;
  if (w.maxBalance !== undefined && (c.balance === null || c.balance > w.maxBalance)) return false;
  const p = c.propensity ?? null;
  if (w.minPropensity !== undefined && (p === null || p < w.minPropensity)) return false;
  if (w.maxPropensity !== undefined && (p === null || p > w.maxPropensity)) return false;
  return true;
}

/** The policy row for a case, with the urgency a broken promise adds. */
export function decide(policy: Policy, facts: CaseFacts): PolicyDecision {
  // A broken arrangement instalment is a broken promise to pay, for the rows and for the urgency.
  const c: CaseFacts = facts.arrangement === "BROKEN" ? { ...facts, promise: "BROKEN" } : facts;
  const rule = policy.rules.find((r) => matches(r, c));
  if (!rule)
    throw new Error(
      `Policy v${policy.version} has no rule for tier ${c.tier}, bucket ${c.bucket}: add a catch-all row`,
    );
  const broken = c.promise === "BROKEN";
  return {
    rule,
    priority: broken ? Math.max(1, rule.priority - policy.brokenPromise.priorityBoost) : rule.priority,
    dueInHours: broken ? rule.dueInHours * policy.brokenPromise.dueFactor : rule.dueInHours,
    brokenPromiseEscalated: broken,
  };
}
