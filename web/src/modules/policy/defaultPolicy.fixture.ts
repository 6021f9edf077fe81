import type { PolicyDefinition } from "./policyModel";

/**
 * For the tests: the server's default policy (server/src/modules/recommendations/policy.ts DEFAULT_POLICY,
 * as of its in-default rows) as the API's `definition` returns it, so the tests edit what a supervisor opens.
 */
export const DEFAULT_POLICY: PolicyDefinition = {
  contactRules: {
    maxCallAttemptsPer7Days: 7,
    noCallDaysAfterConversation: 7,
    windowStartMinutes: 8 * 60,
    windowEndMinutes: 21 * 60,
    holidays: [],
  },
  brokenPromise: { priorityBoost: 1, dueFactor: 0.5 },
  rules: [
    {
      name: "arrangement-on-track",
      when: { arrangement: ["ON_TRACK"] },
      action: "SMS_REMINDER",
      channels: ["SMS", "PUSH", "EMAIL"],
      priority: 4,
      dueInHours: 72,
    },
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
      when: {
        tiers: ["MEDIUM"],
        buckets: ["DPD_1_14", "DPD_15_29", "DPD_30_59", "DPD_60_89", "DPD_90_PLUS"],
      },
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

/** The default policy with its rules changed by `edit` (a copy: the fixture itself stays as it is). */
export function editedDefault(edit: (rules: PolicyDefinition["rules"]) => PolicyDefinition["rules"]) {
  const copy: PolicyDefinition = structuredClone(DEFAULT_POLICY);
  return { ...copy, rules: edit(copy.rules) };
}
