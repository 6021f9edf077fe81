import type { DelinquencyBucket, RiskTier } from "../../gql/graphql";
import { BUCKET_LABELS, TIER_LABELS } from "../loans/loanLabels";

/** Buckets from current to the worst: the heatmap's and roll-rate matrix's column order. */
export const BUCKETS = Object.keys(BUCKET_LABELS) as DelinquencyBucket[];

/** Tiers from the riskiest down: the heatmap's row order, read top to bottom. */
export const TIERS_RISKIEST_FIRST: RiskTier[] = ["IN_DEFAULT", "CRITICAL", "HIGH", "MEDIUM", "LOW"];

/** The heatmap's row of loans with no score yet (their tier is null). */
export const UNSCORED = "UNSCORED";
export type TierRow = RiskTier | typeof UNSCORED;

export function tierRowLabel(tier: TierRow): string {
  return tier === UNSCORED ? "Not scored yet" : (TIER_LABELS[tier] ?? tier);
}

const monthFormatter = new Intl.DateTimeFormat(undefined, {
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2026-10" as "Oct 2026" in the reader's language. */
export function monthLabel(month: string): string {
  const at = Date.parse(`${month}-01T00:00:00Z`);
  return Number.isNaN(at) ? month : monthFormatter.format(at);
}
