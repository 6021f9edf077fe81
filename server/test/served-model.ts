import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runMl } from "../../scripts/lib/ml.js";
import { planPortfolio } from "../../seeds/src/synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../../seeds/src/synthetic/writer.js";
import { createPgPool } from "../src/core/db/pg-pool.js";
import { exportCollectionTables } from "../src/modules/features/collection-export.js";
import { EXPORT_FILE, exportFeatures } from "../src/modules/features/feature-export.js";
import { GroundTruthRepository } from "../src/modules/features/ground-truth.repository.js";
import { LoanHistoryRepository } from "../src/modules/features/loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "../src/modules/features/promise-status.js";

export const TEST_SYNTHETIC_PORTFOLIO = "Test synthetic portfolio";

export interface TestModels {
  /** The probability-of-default model. */
  modelDir: string;
  /** The collection scores' models (propensity-to-pay/, promise-kept/), as CREDITPATH_COLLECTION_MODELS_DIR. */
  collectionModelsDir: string;
  /** Removes the export and the models: the run is over. */
  dispose(): Promise<void>;
}

/**
 * The served models made the way production makes them: a synthetic portfolio in the test database, its
 * feature export and collection tables, and ml/'s trainer (quick mode, LightGBM only). Built once per run.
 */
export async function buildServedModel(databaseUrl: string): Promise<TestModels> {
  const pool = createPgPool(databaseUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), "creditpath-served-"));
  try {
    await writeSyntheticPortfolio({
      pool,
      plan: planPortfolio({ loans: 4000, seed: 11, asOf: "2026-10-31" }),
      portfolioName: TEST_SYNTHETIC_PORTFOLIO,
    });
    const repo = new LoanHistoryRepository(pool);
    const portfolio = await repo.portfolio(TEST_SYNTHETIC_PORTFOLIO);
    if (!portfolio) throw new Error("the synthetic test portfolio was not written");
    const exportDir = path.join(dir, "export");
    await exportFeatures(repo, [portfolio], exportDir, DEFAULT_PROMISE_RULE);
    await exportCollectionTables(
      repo,
      new GroundTruthRepository(pool),
      [portfolio],
      exportDir,
      DEFAULT_PROMISE_RULE,
    );
    const features = path.join(exportDir, EXPORT_FILE);
    const out = path.join(dir, "model");
    await runMl(
      "train",
      [
        "--quick",
        "--no-mlflow",
        "--algorithms",
        "lightgbm",
        "--source",
        "export",
        "--features",
        features,
        "--out",
        out,
      ],
      "pipe",
    );
    const collectionModelsDir = path.join(dir, "collection-models");
    for (const score of ["propensity-to-pay", "promise-kept"]) {
      const args = [
        "--quick",
        "--no-mlflow",
        "--algorithms",
        "lightgbm",
        "--score",
        score,
        "--features",
        features,
      ];
      await runMl("train", [...args, "--out", path.join(collectionModelsDir, score)], "pipe");
    }
    return {
      modelDir: out,
      collectionModelsDir,
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  } finally {
    await pool.end();
  }
}
