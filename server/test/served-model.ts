import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMl } from "../../scripts/lib/ml.js";
import { planPortfolio } from "../../seeds/src/synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../../seeds/src/synthetic/writer.js";
import { createPgPool } from "../src/core/db/pg-pool.js";
import { EXPORT_FILE, exportFeatures } from "../src/modules/features/feature-export.js";
import { LoanHistoryRepository } from "../src/modules/features/loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "../src/modules/features/promise-status.js";

export const TEST_SYNTHETIC_PORTFOLIO = "Test synthetic portfolio";

/**
 * A served model made the way production makes one: a synthetic portfolio in the test database, its feature
 * export, and ml/'s trainer (quick mode, LightGBM only). Built once per test run.
 */
export async function buildServedModel(databaseUrl: string): Promise<string> {
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
    await exportFeatures(repo, [portfolio], path.join(dir, "export"), DEFAULT_PROMISE_RULE);
    const features = path.join(dir, "export", EXPORT_FILE);
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
    return out;
  } finally {
    await pool.end();
  }
}
