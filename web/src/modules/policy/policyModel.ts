import type { ActionType, CommunicationChannel, DelinquencyBucket, RiskTier } from "../../gql/graphql";

// The policy travels as JSON (the API's `definition`), so GraphQL Code Generator cannot type it: this is
// its shape as the server's schema defines it (server/src/modules/recommendations/policy.schema.ts), with
// the same bounds. The enums come from the generated API types.

export type PromiseCondition = "NONE" | "PENDING" | "KEPT" | "BROKEN" | "CANCELLED";
export type ArrangementCondition = "NONE" | "ON_TRACK" | "BROKEN";

export interface PolicyRule {
  name: string;
  when: {
    tiers?: RiskTier[];
    buckets?: DelinquencyBucket[];
    promise?: PromiseCondition[];
    arrangement?: ArrangementCondition[];
    minBalance?: number;
    maxBalance?: number;
    /** Propensity-to-pay bounds, 0-1 (the form shows them as percentages). */
    minPropensity?: number;
    maxPropensity?: number;
  };
  action: ActionType;
  channels: CommunicationChannel[];
  priority: number;
  dueInHours: number;
}

export interface ContactRules {
  maxCallAttemptsPer7Days: number;
  noCallDaysAfterConversation: number;
  windowStartMinutes: number;
  windowEndMinutes: number;
  holidays: string[];
}

export interface PolicyDefinition {
  rules: PolicyRule[];
  contactRules: ContactRules;
  brokenPromise: { priorityBoost: number; dueFactor: number };
}

export const TIERS: RiskTier[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL", "IN_DEFAULT"];
export const BUCKETS: DelinquencyBucket[] = [
  "CURRENT",
  "DPD_1_14",
  "DPD_15_29",
  "DPD_30_59",
  "DPD_60_89",
  "DPD_90_PLUS",
];
/**
 * The bucket of a loan in default: a loan in it has tier IN_DEFAULT and no other, a loan in any other bucket
 * never has that tier (the server's DEFAULT_BUCKET, server/src/modules/loans/delinquency-bucket.ts).
 */
export const DEFAULT_BUCKET: DelinquencyBucket = "DPD_90_PLUS";
export const PROMISE_CONDITIONS: PromiseCondition[] = ["NONE", "PENDING", "KEPT", "BROKEN", "CANCELLED"];
export const ARRANGEMENT_CONDITIONS: ArrangementCondition[] = ["NONE", "ON_TRACK", "BROKEN"];
export const ACTIONS: ActionType[] = [
  "SMS_REMINDER",
  "PUSH_REMINDER",
  "EMAIL_REMINDER",
  "CALL",
  "PAYMENT_PLAN",
  "FIELD_VISIT",
  "RESTRUCTURE",
  "SETTLEMENT_OFFER",
  "ESCALATE_TO_RECOVERY_MANAGER",
];
export const CHANNELS: CommunicationChannel[] = ["CALL", "SMS", "EMAIL", "PUSH", "FIELD_VISIT", "LETTER"];

/** The server schema's bounds, one place for the form's checks and its hints. */
export const BOUNDS = {
  ruleName: { max: 80 },
  priority: { min: 1, max: 5 },
  dueInHours: { max: 24 * 60 },
  maxCallAttemptsPer7Days: { min: 0, max: 50 },
  noCallDaysAfterConversation: { min: 0, max: 60 },
  windowMinutes: { min: 0, max: 24 * 60 },
  priorityBoost: { min: 0, max: 4 },
  dueFactor: { max: 1 },
  /** The form's percentages; the policy stores 0-1. */
  propensityPercent: { min: 0, max: 100 },
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * The API's JSON as a policy, or null when it is not shaped like one (a server newer than this portal).
 * The server validated it on save, so this checks the shape the editor relies on, not every bound.
 */
export function parsePolicyDefinition(json: unknown): PolicyDefinition | null {
  if (!isObject(json) || !Array.isArray(json.rules)) return null;
  const { contactRules, brokenPromise } = json;
  if (!isObject(contactRules) || !isObject(brokenPromise)) return null;
  const rulesOk = json.rules.every(
    (r) => isObject(r) && typeof r.name === "string" && isObject(r.when) && Array.isArray(r.channels),
  );
  if (!rulesOk || !Array.isArray(contactRules.holidays)) return null;
  return {
    rules: json.rules as PolicyRule[],
    contactRules: contactRules as unknown as ContactRules,
    brokenPromise: brokenPromise as unknown as PolicyDefinition["brokenPromise"],
  };
}
