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
  /** Position in our feature vector of each model input. */
  order: number[];
  explainer: Explainer | null;
}

export function modelInputs(card: ModelCard): ModelInputs {
  const names = card.input.features.map((f) => f.name);
  const unknown = names.filter((n) => !FEATURE_NAMES.includes(n as never));
  if (unknown.length > 0) {
    throw new AppError(
      ErrorCode.SERVICE_UNAVAILABLE,
      `The served model ${card.version} expects inputs the feature layer does not compute (${unknown.slice(0, 5).join(", ")}): train it on \`npm run features:export\``,
    );
  }
  return {
    version: card.version,
    names,
    order: names.map((n) => FEATURE_NAMES.indexOf(n as never)),
    explainer: card.explanation ? explainerFromCard(card.explanation, names.length) : null,
  };
}

/** A feature vector as the model's input row (missing values as NaN). */
export function modelRow(m: ModelInputs, vector: FeatureVector): number[] {
  return m.order.map((i) => vector[FEATURE_NAMES[i] as keyof FeatureVector] ?? Number.NaN);
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
