import type { RiskTier } from "../../generated/prisma/enums.js";

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
