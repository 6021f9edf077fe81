import { z } from "zod";
import type { ModelCard } from "./model-card.js";

/**
 * Bins of a reference distribution. UPPER_INCLUSIVE: bin i holds innerEdges[i-1] < x <= innerEdges[i] (ml/'s
 * `psiBins`). LOWER_INCLUSIVE: bin i holds innerEdges[i-1] <= x < innerEdges[i] (the equal-width score bins).
 */
export interface Binning {
  rule: "UPPER_INCLUSIVE" | "LOWER_INCLUSIVE";
  innerEdges: number[];
  shares: number[];
  /** Where on the card the bins come from. */
  source: string;
}

export type Reference<T> = { value: T; reason: null } | { value: null; reason: string };

const RETRAIN = "retrain with the current ml/ (`npm run ml:train`) to record it";

const psiBins = z
  .object({ innerEdges: z.array(z.number()), shares: z.array(z.number()) })
  .refine((b) => b.shares.length === b.innerEdges.length + 1, "one more share than inner edges");

const scoreDistribution = z.object({
  binEdges: z.array(z.number()).min(2),
  driftReference: z.string().default("train"),
  train: z.object({ shares: z.array(z.number()), psiBins: psiBins.optional() }).passthrough(),
});

/** The training scores' bins: the deciles (`psiBins`) where the card has them, else its equal-width bins. */
export function scoreReference(card: ModelCard): Reference<Binning> {
  const parsed = scoreDistribution.safeParse(card.scoreDistribution);
  if (!parsed.success) {
    return { value: null, reason: `the model card has no training score distribution: ${RETRAIN}` };
  }
  const { train, binEdges } = parsed.data;
  if (train.psiBins) {
    return {
      value: { rule: "UPPER_INCLUSIVE", ...train.psiBins, source: "scoreDistribution.train.psiBins" },
      reason: null,
    };
  }
  if (train.shares.length !== binEdges.length - 1) {
    return {
      value: null,
      reason: "the model card's score distribution has a share count that does not match its bins",
    };
  }
  return {
    value: {
      rule: "LOWER_INCLUSIVE",
      innerEdges: binEdges.slice(1, -1),
      shares: train.shares,
      source: "scoreDistribution.binEdges (equal width; older card without decile bins)",
    },
    reason: null,
  };
}

export interface FeatureReference {
  name: string;
  /** Share of training rows where the feature was missing. */
  trainMissingShare: number | null;
  binning: Binning | null;
  reason: string | null;
}

const featureStatistics = z.array(
  z
    .object({
      name: z.string(),
      missingShare: z.number().optional(),
      note: z.string().optional(),
      psiBins: psiBins.optional(),
    })
    .passthrough(),
);

/** Per feature of the model, its training bins (shares of present values) where the card has them. */
export function featureReferences(card: ModelCard): Reference<FeatureReference[]> {
  const parsed = featureStatistics.safeParse(card.featureStatistics);
  if (!parsed.success) {
    return { value: null, reason: `the model card has no per-feature reference distributions: ${RETRAIN}` };
  }
  const byName = new Map(parsed.data.map((f) => [f.name, f]));
  return {
    value: card.input.features.map(({ name }) => {
      const stats = byName.get(name);
      const binning = stats?.psiBins
        ? { rule: "UPPER_INCLUSIVE" as const, ...stats.psiBins, source: `featureStatistics[${name}].psiBins` }
        : null;
      const reason = binning
        ? null
        : (stats?.note ??
          (stats ? "no numeric bins on the card (a categorical feature)" : "not on the model card"));
      return { name, trainMissingShare: stats?.missingShare ?? null, binning, reason };
    }),
    reason: null,
  };
}

const num = z.number().nullable().optional();
const metricsSchema = z
  .object({
    test: z.object({ auc: num, ks: num, brier: num, gini: num, f1: num }).passthrough().optional(),
    psiTrainVsTest: num,
  })
  .passthrough();
const datasetSchema = z
  .object({
    name: z.string().optional(),
    source: z.string().optional(),
    sha256: z.string().optional(),
    rows: z.number().optional(),
    fingerprint: z
      .object({ sha256: z.string().optional(), schemaSha256: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
const tierTestSchema = z.array(
  z.object({ tier: z.string(), share: num, defaultRate: num, rows: num }).passthrough(),
);

/** The parts of the card a dashboard shows; any the card lacks come back null. */
export function cardFacts(card: ModelCard) {
  const metrics = metricsSchema.safeParse(card.metrics);
  const dataset = datasetSchema.safeParse(card.dataset);
  const tierTest = tierTestSchema.safeParse((card.tiers as { test?: unknown } | undefined)?.test);
  const test = metrics.success ? metrics.data.test : undefined;
  const data = dataset.success ? dataset.data : undefined;
  return {
    version: card.version,
    algorithm: card.algorithm,
    createdAt: card.createdAt,
    dataName: data?.name ?? data?.source ?? null,
    dataSha256: data?.sha256 ?? data?.fingerprint?.sha256 ?? null,
    dataRows: data?.rows ?? null,
    schemaSha256: data?.fingerprint?.schemaSha256 ?? null,
    testAuc: test?.auc ?? null,
    testKs: test?.ks ?? null,
    testBrier: test?.brier ?? null,
    testGini: test?.gini ?? null,
    testF1: test?.f1 ?? null,
    psiTrainVsTest: metrics.success ? (metrics.data.psiTrainVsTest ?? null) : null,
    tiers: (card.tiers?.cutoffs ?? []).map((c) => {
      const t = tierTest.success ? tierTest.data.find((x) => x.tier === c.tier) : undefined;
      return {
        tier: c.tier.toUpperCase(),
        minPd: c.minPd,
        maxPd: c.maxPd,
        testShare: t?.share ?? null,
        testDefaultRate: t?.defaultRate ?? null,
      };
    }),
  };
}
