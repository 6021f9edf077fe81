import { AppError, ErrorCode } from "../../../core/errors/app-error.js";
import { FEATURE_NAMES, type FeatureVector } from "../../features/feature-catalogue.js";
import type { ModelCard } from "../model-card.js";
import { type Explainer, explainerFromCard } from "./card-explainer.js";
import { type Reason, topReasons } from "./reason-codes.js";

/**
 * What scoring needs to know about a model's inputs, prepared once per model card: the order of its inputs
 * in our feature vector and its exact explainer. The scoring service and the rescoring threads both build
 * it from the card, so a row and its reasons are made the same way wherever they are computed.
 */
export interface ModelInputs {
  version: string;
  names: string[];
  /** Position in the catalogue (the feature vector's names) of each model input. */
  order: number[];
  catalogue: readonly string[];
  explainer: Explainer | null;
}

/**
 * `catalogue` is what the feature layer computes for this kind of model: the loan's features for the
 * probability of default, with the collection features (collection-features.ts) for the collection scores.
 */
export function modelInputs(
  card: ModelCard,
  catalogue: readonly string[] = FEATURE_NAMES,
  trainWith = "`npm run features:export`",
): ModelInputs {
  const names = card.input.features.map((f) => f.name);
  const unknown = names.filter((n) => !catalogue.includes(n));
  if (unknown.length > 0) {
    throw new AppError(
      ErrorCode.SERVICE_UNAVAILABLE,
      `The model ${card.version} expects inputs the feature layer does not compute (${unknown.slice(0, 5).join(", ")}): train it on ${trainWith}`,
    );
  }
  return {
    version: card.version,
    names,
    order: names.map((n) => catalogue.indexOf(n)),
    catalogue,
    explainer: card.explanation ? explainerFromCard(card.explanation, names.length) : null,
  };
}

/** A feature vector as the model's input row (missing values as NaN). */
export function modelRow(
  m: ModelInputs,
  vector: FeatureVector | Readonly<Record<string, number | null>>,
): number[] {
  const values = vector as Readonly<Record<string, number | null>>;
  return m.order.map((i) => values[m.catalogue[i] as string] ?? Number.NaN);
}

/** The row's top reasons, from exact attributions (none when the card has no explanation section). */
export function reasonsFor(m: ModelInputs, row: number[]): Reason[] {
  if (!m.explainer) return [];
  const { contributions } = m.explainer(row);
  return topReasons(
    m.names,
    row.map((x) => (Number.isNaN(x) ? null : x)),
    contributions,
  );
}
