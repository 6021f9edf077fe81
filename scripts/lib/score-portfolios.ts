// Buckets, a served model (trained on first use) and a rescoring of every operational portfolio: what the
// demo and the browser tests' stack both do after loading data, so the portal opens on scored work.
import { existsSync } from "node:fs";
import path from "node:path";
import { config } from "../../server/src/core/config/config.js";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";
import { createPgPool } from "../../server/src/core/db/pg-pool.js";
import { createPrismaClient } from "../../server/src/core/db/prisma-client.js";
import { exportCollectionTables } from "../../server/src/modules/features/collection-export.js";
import { refreshDelinquency } from "../../server/src/modules/features/delinquency-refresh.js";
import { EXPORT_FILE, exportFeatures } from "../../server/src/modules/features/feature-export.js";
import { GroundTruthRepository } from "../../server/src/modules/features/ground-truth.repository.js";
import { LoanHistoryRepository } from "../../server/src/modules/features/loan-history.repository.js";
import { isWorked } from "../../server/src/modules/portfolio/portfolio-kind.js";
import { PolicyRepository } from "../../server/src/modules/recommendations/policy.repository.js";
import { PolicyService } from "../../server/src/modules/recommendations/policy.service.js";
import { COLLECTION_SCORES, CollectionModels } from "../../server/src/modules/scoring/collection-scoring.js";
import { MODEL_FILE, ModelRegistry } from "../../server/src/modules/scoring/model-registry.js";
import { rescoreDeps, rescorePortfolio } from "../../server/src/modules/scoring/rescore-portfolio.js";
import { ScoringService } from "../../server/src/modules/scoring/scoring.service.js";
import { runMl } from "./ml.js";

export interface ScorePortfoliosOptions {
  databaseUrl: string;
  modelDir: string;
  /** The collection scores' models (one folder per score), trained on first use where the data allows. */
  collectionModelsDir: string;
  /** Where the feature export for a first training goes. */
  exportDir: string;
  /** The trainer's algorithms for a first training (quick mode); all of them when absent. */
  algorithms?: string[];
  /** How the trainer's own output is shown: the demo's user watches it, the browser tests' log does not. */
  trainerOutput?: "inherit" | "pipe";
  step: (message: string) => void;
}

async function ensureModel(histories: LoanHistoryRepository, opts: ScorePortfoliosOptions) {
  if (existsSync(path.join(opts.modelDir, MODEL_FILE))) {
    opts.step(`reusing the model in ${path.relative(repoRoot, opts.modelDir) || opts.modelDir}`);
    return;
  }
  const portfolios = await histories.portfolios();
  const e = await exportFeatures(histories, portfolios, opts.exportDir, config().promiseRule);
  opts.step(
    `no model yet: quick training on the feature export (${e.rows} loans, ${e.labelled} labelled; first start only; ` +
      "`npm run ml:train` trains the full champion in about 5 minutes)",
  );
  await runMl(
    "train",
    [
      "--quick",
      ...(opts.algorithms ? ["--algorithms", opts.algorithms.join(",")] : []),
      "--source",
      "export",
      "--features",
      path.join(opts.exportDir, EXPORT_FILE),
      "--out",
      opts.modelDir,
      "--no-mlflow",
    ],
    opts.trainerOutput ?? "inherit",
  );
}

/** Below this many rows of a collection table (or with one outcome only), its score is not trained. */
const MIN_COLLECTION_ROWS = 200;

/**
 * The collection scores' models, trained (quick mode) on first use from the collection tables of the loaded
 * portfolios. Only sources with payment records have such rows (the synthetic portfolio): without enough of
 * them a score is left untrained, and the portal shows none.
 */
async function ensureCollectionModels(
  histories: LoanHistoryRepository,
  pool: ReturnType<typeof createPgPool>,
  opts: ScorePortfoliosOptions,
) {
  const missing = COLLECTION_SCORES.filter(
    (s) => !existsSync(path.join(opts.collectionModelsDir, s.folder, MODEL_FILE)),
  );
  if (missing.length === 0) {
    opts.step(`reusing the collection models in ${path.relative(repoRoot, opts.collectionModelsDir)}`);
    return;
  }
  const tables = await exportCollectionTables(
    histories,
    new GroundTruthRepository(pool),
    await histories.portfolios(),
    opts.exportDir,
    config().promiseRule,
  );
  for (const score of missing) {
    const table = score.folder === "propensity-to-pay" ? tables.propensity : tables.promiseKept;
    if (table.rows < MIN_COLLECTION_ROWS) {
      opts.step(
        `no ${score.folder} model: ${table.rows} training rows (a portfolio with payment records gives them)`,
      );
      continue;
    }
    opts.step(`no ${score.folder} model yet: quick training on ${table.rows} rows (first start only)`);
    await runMl(
      "train",
      [
        "--quick",
        ...(opts.algorithms ? ["--algorithms", opts.algorithms.join(",")] : []),
        "--score",
        score.folder,
        "--features",
        path.join(opts.exportDir, EXPORT_FILE),
        "--out",
        path.join(opts.collectionModelsDir, score.folder),
        "--no-mlflow",
      ],
      opts.trainerOutput ?? "inherit",
    );
  }
}

/**
 * Days past due and buckets as of each portfolio's date; on the first start the model is trained on the
 * feature export of everything loaded (reference data sets included); then the operational portfolios are
 * scored, with recommendations and tasks for the agents. Reference portfolios are training data, not worked.
 */
export async function scorePortfolios(opts: ScorePortfoliosOptions): Promise<void> {
  const pool = createPgPool(opts.databaseUrl);
  const prisma = createPrismaClient(opts.databaseUrl);
  const { step } = opts;
  try {
    const histories = new LoanHistoryRepository(pool);
    const portfolios = await histories.portfolios();
    for (const p of portfolios) {
      const r = await refreshDelinquency(pool, histories, p, () => {}, config().promiseRule);
      step(`buckets: ${p.name} - ${r.loans} loans, ${r.changedBuckets} changed`);
    }
    await ensureModel(histories, opts);
    await ensureCollectionModels(histories, pool, opts);
    const models = new ModelRegistry(opts.modelDir);
    await models.load();
    const collectionModels = new CollectionModels(opts.collectionModelsDir);
    await collectionModels.load();
    const deps = await rescoreDeps({
      pool,
      models,
      scoring: new ScoringService(models),
      policies: new PolicyService(new PolicyRepository(prisma)),
      collectionModels,
    });
    if (!deps)
      throw new Error(
        `the model in ${opts.modelDir} could not be loaded: ${JSON.stringify(models.status())}`,
      );
    for (const p of portfolios.filter((x) => isWorked(x.kind))) {
      const started = Date.now();
      const s = await rescorePortfolio(deps, p);
      step(
        `scored ${p.name}: ${s.loans} loans, ${s.recommendationsCreated} new recommendations, ${s.tasksCreated} tasks created ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}
