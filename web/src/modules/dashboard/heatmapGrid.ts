import { formatInteger } from "../../core/format/numbers";
import { formatAmount } from "../../core/format/shares";
import { TIERS_RISKIEST_FIRST, type TierRow, UNSCORED } from "./dashboardLabels";
import type { BucketTierCell } from "./graphql/portfolioSummary";

export type HeatmapMeasure = "loans" | "balance";

export interface HeatmapGrid {
  tiers: TierRow[];
  /** The measure shown for one tier and bucket; 0 where no loan is. */
  value: (tier: TierRow, bucket: string) => number;
}

/** The API's non-empty cells as a full tier x bucket grid; the unscored row only when such loans exist. */
export function heatmapGrid(cells: readonly BucketTierCell[], measure: HeatmapMeasure): HeatmapGrid {
  const values = new Map<string, number>();
  for (const c of cells) {
    const key = `${c.tier ?? UNSCORED}:${c.bucket}`;
    values.set(key, (values.get(key) ?? 0) + (measure === "loans" ? c.loans : c.balance));
  }
  const tiers: TierRow[] = [...TIERS_RISKIEST_FIRST];
  if (cells.some((c) => c.tier === null)) tiers.push(UNSCORED);
  return { tiers, value: (tier, bucket) => values.get(`${tier}:${bucket}`) ?? 0 };
}

export const formatMeasure = (measure: HeatmapMeasure, value: number): string =>
  measure === "loans" ? formatInteger(value) : formatAmount(value);
