import { existsSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { AuditService } from "../../../server/src/core/audit/audit.service.js";
import { createPrismaClient } from "../../../server/src/core/db/prisma-client.js";
import { ApiKeyRepository } from "../../../server/src/modules/api-keys/api-key.repository.js";
import { ApiKeyService } from "../../../server/src/modules/api-keys/api-key.service.js";
import type { PortfolioRef } from "../../../server/src/modules/features/loan-history.repository.js";
import { PolicyRepository } from "../../../server/src/modules/recommendations/policy.repository.js";
import { PolicyService } from "../../../server/src/modules/recommendations/policy.service.js";
import { CollectionModels } from "../../../server/src/modules/scoring/collection-scoring.js";
import { ModelRegistry } from "../../../server/src/modules/scoring/model-registry.js";
import { rescoreDeps, rescorePortfolio } from "../../../server/src/modules/scoring/rescore-portfolio.js";
import { ScoringService } from "../../../server/src/modules/scoring/scoring.service.js";

/**
 * The services the benchmarks drive, built as the rescore CLI builds them: not the server's whole set, whose
 * GraphQL types need decorator metadata that tsx does not emit.
 */
export function benchServices(
  prisma: ReturnType<typeof createPrismaClient>,
  pool: pg.Pool,
  modelDir: string,
  collectionModelsDir: string,
) {
  const models = new ModelRegistry(modelDir);
  const audit = new AuditService(pool);
  return {
    models,
    // Rescoring scores past-due loans' propensity to pay too, when its model is there (as the server does).
    collectionModels: new CollectionModels(collectionModelsDir),
    scoring: new ScoringService(models),
    policies: new PolicyService(new PolicyRepository(prisma)),
    apiKeys: new ApiKeyService(new ApiKeyRepository(prisma), audit),
    audit,
    pool,
  };
}
export type BenchServices = ReturnType<typeof benchServices>;

/**
 * Rescores the portfolio once if none of its loans has a score yet: a freshly generated portfolio has no
 * scores, reasons or recommendations, and a worklist of it would be lighter than any agent's. Returns whether
 * it rescored. Without a model it stops, saying how to get one.
 */
export async function ensureScored(
  parts: { pool: pg.Pool; databaseUrl: string; modelDir: string; collectionModelsDir: string },
  portfolio: PortfolioRef,
  say: (line: string) => void,
): Promise<boolean> {
  const scored = await parts.pool.query(
    `SELECT EXISTS (SELECT 1 FROM "RiskScore" s JOIN "Loan" l ON l.id = s."loanId" WHERE l."portfolioId" = $1) AS scored`,
    [portfolio.id],
  );
  if (scored.rows[0]?.scored) return false;
  if (!existsSync(path.join(parts.modelDir, "model.onnx")))
    throw new Error(
      `${portfolio.name} has no scores yet, and ${parts.modelDir} holds no model to score it with: run \`npm run ml:train\` (or \`npm run demo\`), or pass --model-dir`,
    );
  const prisma = createPrismaClient(parts.databaseUrl);
  try {
    const services = benchServices(prisma, parts.pool, parts.modelDir, parts.collectionModelsDir);
    const status = await services.models.load();
    if (status.state !== "loaded")
      throw new Error(
        `the model in ${parts.modelDir} does not load: ${"error" in status ? status.error : "not loaded"}`,
      );
    await services.collectionModels.load();
    const deps = await rescoreDeps(services);
    if (!deps) throw new Error(`no model loaded from ${parts.modelDir}`);
    say(`${portfolio.name} has no scores yet: rescoring it once (a one-off)...`);
    const started = performance.now();
    let last = started;
    const summary = await rescorePortfolio(deps, portfolio, new Date(), (s) => {
      if (performance.now() - last < 5000) return;
      last = performance.now();
      say(`  rescored ${s.loans} loans in ${((last - started) / 1000).toFixed(0)} s`);
    });
    say(`  rescored ${summary.loans} loans in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return true;
  } finally {
    await prisma.$disconnect();
  }
}
