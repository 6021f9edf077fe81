import path from "node:path";
import type { ScoredModel, ScoringMetrics, ScoringSource } from "../../core/metrics/metrics.js";
import type { ModelKind } from "../../generated/prisma/enums.js";
import { OVERDUE_FEATURES, PROMISE_FEATURES } from "../features/collection-features.js";
import { FEATURE_NAMES } from "../features/feature-catalogue.js";
import { type ModelInputs, modelInputs, modelRow, reasonsFor } from "./explain/model-inputs.js";
import type { Reason } from "./explain/reason-codes.js";
import type { ModelCard } from "./model-card.js";
import { ModelRegistry, type ModelStatus, scoringUnavailable } from "./model-registry.js";

export type CollectionScoreKind = Exclude<ModelKind, "PROBABILITY_OF_DEFAULT">;

/** What each collection score takes and where its model lives (ml/: `npm run ml:train -- --score NAME`). */
const KINDS: Record<
  CollectionScoreKind,
  { folder: string; catalogue: readonly string[]; metric: ScoredModel }
> = {
  PROPENSITY_TO_PAY: {
    folder: "propensity-to-pay",
    metric: "propensity_to_pay",
    catalogue: [...FEATURE_NAMES, ...OVERDUE_FEATURES.map((f) => f.name)],
  },
  PROMISE_KEPT: {
    folder: "promise-kept",
    metric: "promise_kept",
    catalogue: [
      ...FEATURE_NAMES,
      ...OVERDUE_FEATURES.map((f) => f.name),
      ...PROMISE_FEATURES.map((f) => f.name),
    ],
  },
};

/** Each collection score and the folder of its model under CREDITPATH_COLLECTION_MODELS_DIR. */
export const COLLECTION_SCORES = (Object.keys(KINDS) as CollectionScoreKind[]).map((kind) => ({
  kind,
  folder: KINDS[kind].folder,
}));

/**
 * A collection score of one case, with its exact reasons. A reason's direction is relative to this score:
 * RAISES_RISK means the feature raises the probability (of paying, of keeping the promise).
 */
export interface CollectionScore {
  probability: number;
  reasons: Reason[];
  modelVersion: string;
  card: ModelCard;
}

/** One collection score's model, served beside the probability of default (optional: absent, none is shown). */
export class CollectionScorer {
  readonly models: ModelRegistry;
  private prepared: { card: ModelCard; inputs: ModelInputs } | undefined;

  constructor(
    readonly kind: CollectionScoreKind,
    modelsDir: string,
    private readonly metrics?: ScoringMetrics,
  ) {
    const { folder } = KINDS[kind];
    this.models = new ModelRegistry(
      path.join(modelsDir, folder),
      `\`npm run ml:train -- --score ${folder}\``,
    );
  }

  /** Whether a model serves this score (when not, callers leave the score out rather than fail). */
  available(): boolean {
    return this.models.card() !== undefined;
  }

  private prepare(): { card: ModelCard; inputs: ModelInputs } {
    const card = this.models.card();
    if (!card) throw scoringUnavailable(this.models.status());
    if (this.prepared?.card !== card) {
      const trainWith = `\`npm run ml:train -- --score ${KINDS[this.kind].folder}\``;
      this.prepared = { card, inputs: modelInputs(card, KINDS[this.kind].catalogue, trainWith) };
    }
    return this.prepared;
  }

  /**
   * Scores the cases (the catalogue's values by name) in one model run, each with its reasons; the metrics
   * count the run under `source` (a rescoring, or a single decision such as /predict or a logged promise).
   */
  async score(
    vectors: readonly Readonly<Record<string, number | null>>[],
    source: ScoringSource,
  ): Promise<CollectionScore[]> {
    if (vectors.length === 0) return [];
    const { card, inputs } = this.prepare();
    const rows = vectors.map((v) => modelRow(inputs, v));
    const started = performance.now();
    const probabilities = await this.models.predict(rows);
    this.metrics?.observeScoring(
      source,
      rows.length,
      (performance.now() - started) / 1000,
      KINDS[this.kind].metric,
    );
    return rows.map((row, i) => ({
      probability: probabilities[i] as number,
      reasons: reasonsFor(inputs, row),
      modelVersion: card.version,
      card,
    }));
  }
}

/** The collection scores' models, each in its folder under CREDITPATH_COLLECTION_MODELS_DIR. */
export class CollectionModels {
  readonly propensity: CollectionScorer;
  readonly promiseKept: CollectionScorer;

  constructor(modelsDir: string, metrics?: ScoringMetrics) {
    this.propensity = new CollectionScorer("PROPENSITY_TO_PAY", modelsDir, metrics);
    this.promiseKept = new CollectionScorer("PROMISE_KEPT", modelsDir, metrics);
  }

  private all(): CollectionScorer[] {
    return [this.propensity, this.promiseKept];
  }

  async load(): Promise<Record<CollectionScoreKind, ModelStatus>> {
    const [propensity, promise] = await Promise.all(this.all().map((s) => s.models.load()));
    return { PROPENSITY_TO_PAY: propensity as ModelStatus, PROMISE_KEPT: promise as ModelStatus };
  }

  status(): Record<CollectionScoreKind, ModelStatus> {
    return {
      PROPENSITY_TO_PAY: this.propensity.models.status(),
      PROMISE_KEPT: this.promiseKept.models.status(),
    };
  }

  async watch(
    intervalMs: number,
    onReload: (kind: CollectionScoreKind, status: ModelStatus, error?: Error) => void,
  ): Promise<void> {
    await Promise.all(
      this.all().map((s) => s.models.watch(intervalMs, (status, err) => onReload(s.kind, status, err))),
    );
  }

  stopWatching(): void {
    for (const s of this.all()) s.models.stopWatching();
  }
}
