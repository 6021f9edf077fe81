import { AppError, ErrorCode } from "../../core/errors/app-error.js";
import type { ScoringMetrics, ScoringSource } from "../../core/metrics/metrics.js";
import type { RiskTier } from "../../generated/prisma/enums.js";
import type { FeatureVector } from "../features/feature-catalogue.js";
import { type ModelInputs, modelInputs, modelRow, reasonsFor } from "./explain/model-inputs.js";
import type { Reason } from "./explain/reason-codes.js";
import type { ModelCard } from "./model-card.js";
import { type ModelRegistry, scoringUnavailable } from "./model-registry.js";
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
  inputs: ModelInputs;
}

/** Probability of default, tier and exact reasons for feature vectors, with the served model. */
export class ScoringService {
  private prepared: { card: ModelCard; value: Prepared } | undefined;

  constructor(
    private readonly models: ModelRegistry,
    private readonly metrics?: ScoringMetrics,
  ) {}

  /** One model run, timed into the metrics. */
  private async run(source: ScoringSource, rows: readonly (readonly number[])[]): Promise<Float64Array> {
    const started = performance.now();
    const probabilities = await this.models.predict(rows);
    this.metrics?.observeScoring(source, rows.length, (performance.now() - started) / 1000);
    return probabilities;
  }

  private prepare(): Prepared {
    const card = this.models.card();
    if (!card) {
      throw scoringUnavailable(this.models.status());
    }
    if (this.prepared?.card === card) return this.prepared.value;
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
    const value: Prepared = { card, thresholds: { medium, high, critical }, inputs: modelInputs(card) };
    this.prepared = { card, value };
    return value;
  }

  /**
   * Scores vectors in one model run; reasons are computed only when asked for. `/predict` scores this way
   * (the metrics count it as "predict"); rescoring computes its reasons in threads and calls scoreExplained.
   */
  async score(vectors: readonly FeatureVector[], withReasons = true): Promise<Score[]> {
    const p = this.prepare();
    const rows = vectors.map((v) => modelRow(p.inputs, v));
    const probabilities = await this.run("predict", rows);
    return rows.map((row, r) =>
      this.result(p, probabilities[r] as number, withReasons ? reasonsFor(p.inputs, row) : []),
    );
  }

  /**
   * Scores vectors whose reasons were computed elsewhere (the rescoring threads) for model `explainedBy`.
   * Reasons of one model must not travel with another model's probabilities: if the served model changed
   * meanwhile, this refuses, and a re-run (idempotent) scores everything with the new one.
   */
  async scoreExplained(
    vectors: readonly FeatureVector[],
    reasons: readonly Reason[][],
    explainedBy: string,
  ): Promise<Score[]> {
    const p = this.prepare();
    if (p.card.version !== explainedBy) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `The served model changed from ${explainedBy} to ${p.card.version} during the run; run it again to score with the new model`,
      );
    }
    const probabilities = await this.run(
      "rescore",
      vectors.map((v) => modelRow(p.inputs, v)),
    );
    return vectors.map((_, r) => this.result(p, probabilities[r] as number, reasons[r] ?? []));
  }

  private result(p: Prepared, probability: number, reasons: Reason[]): Score {
    return { probability, tier: tierFor(probability, p.thresholds), reasons, modelVersion: p.card.version };
  }
}
