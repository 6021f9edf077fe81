import type { RiskTier } from "../../generated/prisma/enums.js";
import { bucketForDpd, DEFAULT_BUCKET } from "../loans/delinquency-bucket.js";

/** PD cut-offs from the model card: a probability at or above a cut-off is in that tier or worse. */
export interface TierThresholds {
  medium: number;
  high: number;
  critical: number;
}

export function tierFor(probability: number, t: TierThresholds): RiskTier {
  if (!(t.medium <= t.high && t.high <= t.critical)) {
    throw new Error(
      `Tier thresholds must rise: medium ${t.medium} <= high ${t.high} <= critical ${t.critical}`,
    );
  }
  if (probability >= t.critical) return "CRITICAL";
  if (probability >= t.high) return "HIGH";
  if (probability >= t.medium) return "MEDIUM";
  return "LOW";
}

/**
 * A loan in the default bucket (90+) has defaulted: the event the PD model predicts (90+ days past due) has happened,
 * so the model is neither trained on it (ml/: PD_SCOPE_DPD) nor asked about it. Its PD is 1, as in Basel's
 * treatment of defaulted exposures, and its tier IN_DEFAULT; the propensity to pay is its working score.
 */
export function isInDefault(dpd: number): boolean {
  return bucketForDpd(dpd) === DEFAULT_BUCKET;
}

export const IN_DEFAULT_PD = 1;
