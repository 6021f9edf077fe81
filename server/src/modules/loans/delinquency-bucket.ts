import type { DelinquencyBucket } from "../../generated/prisma/enums.js";

/**
 * Bucket boundaries by days past due on the oldest unpaid amount: the one definition, used by seeding,
 * imports, features and the portal. Lower bounds, inclusive, worst first.
 */
export const BUCKET_LOWER_BOUNDS: readonly [DelinquencyBucket, number][] = [
  ["DPD_90_PLUS", 90],
  ["DPD_60_89", 60],
  ["DPD_30_59", 30],
  ["DPD_15_29", 15],
  ["DPD_1_14", 1],
  ["CURRENT", 0],
];

/**
 * The bucket in which a loan has defaulted: the event the PD model predicts. A loan in it has the risk tier
 * IN_DEFAULT (modules/scoring/risk-tier.ts) and no other; a loan in any other bucket never has that tier.
 */
export const DEFAULT_BUCKET: DelinquencyBucket = "DPD_90_PLUS";

export function bucketForDpd(dpd: number): DelinquencyBucket {
  if (!Number.isFinite(dpd) || dpd < 0) throw new RangeError(`Days past due must be 0 or more, got ${dpd}`);
  for (const [bucket, lower] of BUCKET_LOWER_BOUNDS) if (dpd >= lower) return bucket;
  return "CURRENT";
}
