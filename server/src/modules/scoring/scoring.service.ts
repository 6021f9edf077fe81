import { AppError, ErrorCode } from "../../core/errors/app-error.js";
import type { RiskTier } from "../../generated/prisma/enums.js";
import { FEATURE_NAMES, type FeatureVector } from "../features/feature-catalogue.js";
import { type Explainer, explainerFromCard } from "./explain/card-explainer.js";
import { type Reason, topReasons } from "./explain/reason-codes.js";
import type { ModelCard } from "./model-card.js";
import type { ModelRegistry } from "./model-registry.js";
import { type TierThresholds, tierFor } from "./risk-tier.js";

export interface Score {
  probability: number;
  tier: RiskTier;
  reasons: Reason[];
  modelVersion: string;
}

interface Prepared {
  card: ModelCard;
  thresholds: TierThresholds;
  explainer: Explainer | null;
  /** Position in our feature vector of each model input. */
  order: number[];
}

/** Probability of default, tier and exact reasons for feature vectors, with the served model. */
export class ScoringService {
  private prepared: { card: ModelCard; value: Prepared } | undefined;

  constructor(private readonly models: ModelRegistry) {}

  private prepare(): Prepared {
    const card = this.models.card();
    if (!card) {
      const s = this.models.status();
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `Scoring is unavailable: ${"error" in s ? s.error : "no model"}`,
      );
    }
    if (this.prepared?.card === card) return this.prepared.value;
    const names = card.input.features.map((f) => f.name);
    const unknown = names.filter((n) => !FEATURE_NAMES.includes(n as never));
    if (unknown.length > 0) {
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `The served model ${card.version} expects inputs the feature layer does not compute (${unknown.slice(0, 5).join(", ")}): train it on \`npm run features:export\``,
      );
    }
    const cut = (tier: string) => card.tiers?.cutoffs.find((c) => c.tier === tier)?.minPd;
    const medium = cut("Medium");
    const high = cut("High");
    const critical = cut("Critical");
    if (medium === undefined || high === undefined || critical === undefined) {
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `The model card of ${card.version} has no tier cut-offs`,
      );
    }
    const value: Prepared = {
      card,
      thresholds: { medium, high, critical },
      explainer: card.explanation ? explainerFromCard(card.explanation, names.length) : null,
      order: names.map((n) => FEATURE_NAMES.indexOf(n as never)),
    };
    this.prepared = { card, value };
    return value;
  }

  /** Scores vectors in one model run; reasons are computed only when asked for (batch scoring may skip them). */
  async score(vectors: readonly FeatureVector[], withReasons = true): Promise<Score[]> {
    const p = this.prepare();
    const rows = vectors.map((v) =>
      p.order.map((i) => v[FEATURE_NAMES[i] as keyof FeatureVector] ?? Number.NaN),
    );
    const probabilities = await this.models.predict(rows);
    const names = p.card.input.features.map((f) => f.name);
    return rows.map((row, r) => {
      const probability = probabilities[r] as number;
      let reasons: Reason[] = [];
      if (withReasons && p.explainer) {
        const { contributions } = p.explainer(row);
        reasons = topReasons(
          names,
          row.map((x) => (Number.isNaN(x) ? null : x)),
          contributions,
        );
      }
      return { probability, tier: tierFor(probability, p.thresholds), reasons, modelVersion: p.card.version };
    });
  }
}
