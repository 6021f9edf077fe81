import type { BadgeTone } from "../../core/ui/Badge";
import type { DelinquencyBucket, LoanStatus, ProductType, RiskTier } from "../../gql/graphql";

// The one place where enum values become words; Record<> makes the compiler flag a new enum value.

export const BUCKET_LABELS: Record<DelinquencyBucket, string> = {
  CURRENT: "Current",
  DPD_1_14: "1-14 DPD",
  DPD_15_29: "15-29 DPD",
  DPD_30_59: "30-59 DPD",
  DPD_60_89: "60-89 DPD",
  DPD_90_PLUS: "90+ DPD",
};

export const BUCKET_TONES: Record<DelinquencyBucket, BadgeTone> = {
  CURRENT: "success",
  DPD_1_14: "info",
  DPD_15_29: "warning",
  DPD_30_59: "alert",
  DPD_60_89: "danger",
  DPD_90_PLUS: "danger",
};

export const PRODUCT_LABELS: Record<ProductType, string> = {
  INSTALMENT: "Instalment loan",
  REVOLVING: "Revolving credit",
};

export const STATUS_LABELS: Record<LoanStatus, string> = {
  ACTIVE: "Active",
  DELINQUENT: "Delinquent",
  DEFAULTED: "Defaulted",
  CHARGED_OFF: "Charged off",
  CLOSED: "Closed",
};

export const STATUS_TONES: Record<LoanStatus, BadgeTone> = {
  ACTIVE: "success",
  DELINQUENT: "warning",
  DEFAULTED: "danger",
  CHARGED_OFF: "neutral",
  CLOSED: "neutral",
};

export const TIER_LABELS: Record<RiskTier, string> = {
  LOW: "Low risk",
  MEDIUM: "Medium risk",
  HIGH: "High risk",
  CRITICAL: "Critical risk",
  IN_DEFAULT: "In default",
};

export const TIER_TONES: Record<RiskTier, BadgeTone> = {
  LOW: "success",
  MEDIUM: "warning",
  HIGH: "alert",
  CRITICAL: "danger",
  IN_DEFAULT: "danger",
};

export const ACTION_LABELS: Record<string, string> = {
  SMS_REMINDER: "SMS reminder",
  PUSH_REMINDER: "Push reminder",
  EMAIL_REMINDER: "E-mail reminder",
  CALL: "Call the borrower",
  PAYMENT_PLAN: "Offer a payment plan",
  FIELD_VISIT: "Field visit",
  RESTRUCTURE: "Discuss restructuring",
  SETTLEMENT_OFFER: "Settlement offer",
  ESCALATE_TO_RECOVERY_MANAGER: "Escalate to a recovery manager",
};

export const CHANNEL_LABELS: Record<string, string> = {
  CALL: "by phone",
  SMS: "by SMS",
  EMAIL: "by e-mail",
  PUSH: "by push notification",
  FIELD_VISIT: "in person",
  LETTER: "by letter",
};

// A server deployed ahead of the web app may send values this build does not know: show them raw.
function lookup<K extends string, V>(table: Record<K, V>, key: string, fallback: V): V {
  return Object.hasOwn(table, key) ? table[key as K] : fallback;
}

export const bucketLabel = (bucket: string): string => lookup(BUCKET_LABELS, bucket, bucket);
export const bucketTone = (bucket: string): BadgeTone => lookup(BUCKET_TONES, bucket, "neutral");
export const productLabel = (product: string): string => lookup(PRODUCT_LABELS, product, product);
export const statusLabel = (status: string): string => lookup(STATUS_LABELS, status, status);
export const statusTone = (status: string): BadgeTone => lookup(STATUS_TONES, status, "neutral");
export const tierLabel = (tier: string): string => lookup(TIER_LABELS, tier, tier);
export const tierTone = (tier: string): BadgeTone => lookup(TIER_TONES, tier, "neutral");

/**
 * A score's probability of default as an agent reads it, or null for a loan in default: its default has
 * happened (the server records PD 1), so its tier says all and its propensity to pay is the score to work on.
 */
export const pdText = (score: { tier: string; probability: number }): string | null =>
  score.tier === "IN_DEFAULT" ? null : `PD ${Math.round(score.probability * 100)}%`;
export const actionLabel = (action: string): string => lookup(ACTION_LABELS, action, humanizeCode(action));
export const channelLabel = (channel: string): string =>
  lookup(CHANNEL_LABELS, channel, humanizeCode(channel));

/** Free-text codes from source systems ("DO_NOT_CALL", "self-employed") made readable. */
export function humanizeCode(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// A reason of the probability of default raises or lowers the risk; one of a collection score (propensity to
// pay) raises or lowers the chance of paying: red is bad news for the lender either way.
const REASON_WORDS: Record<string, { arrow: string; tone: string; said: string }> = {
  RAISES_RISK: { arrow: "▲ ", tone: "text-red-700", said: "Raises risk: " },
  LOWERS_RISK: { arrow: "▼ ", tone: "text-emerald-700", said: "Lowers risk: " },
  RAISES_CHANCE: { arrow: "▲ ", tone: "text-emerald-700", said: "Raises the chance: " },
  LOWERS_CHANCE: { arrow: "▼ ", tone: "text-red-700", said: "Lowers the chance: " },
};

/** How a reason's direction is shown: an arrow, its colour, and the words a screen reader says. */
export const reasonWords = (direction: string) =>
  REASON_WORDS[direction] ?? (REASON_WORDS.LOWERS_RISK as (typeof REASON_WORDS)[string]);
