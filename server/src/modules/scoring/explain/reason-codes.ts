import { reasonSentence } from "./reason-sentences.js";

export interface Reason {
  feature: string;
  direction: "RAISES_RISK" | "LOWERS_RISK";
  /** Contribution to the model's log-odds (exact attribution). */
  effect: number;
  value: number | null;
  sentence: string;
}

export const MAX_REASONS = 4;

/** The largest attributions, strongest first, each with a sentence built from the feature's value. */
export function topReasons(
  featureNames: readonly string[],
  values: readonly (number | null)[],
  contributions: ArrayLike<number>,
  max = MAX_REASONS,
): Reason[] {
  return featureNames
    .map((feature, i) => ({ feature, i, effect: contributions[i] as number }))
    .filter((r) => r.effect !== 0 && Number.isFinite(r.effect))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, max)
    .map(({ feature, i, effect }) => {
      const value = values[i] ?? null;
      return {
        feature,
        direction: effect > 0 ? "RAISES_RISK" : "LOWERS_RISK",
        effect,
        value,
        sentence: reasonSentence(feature, value),
      };
    });
}
