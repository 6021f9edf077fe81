import { AuditService } from "../../core/audit/audit.service.js";
import { config } from "../../core/config/config.js";
import { resolveDatabase } from "../../core/db/database.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { createPrismaClient } from "../../core/db/prisma-client.js";
import { JobQueue } from "../../core/jobs/job-queue.js";
import { logger } from "../../core/logging/logger.js";
import { createAppPubSub } from "../../core/pubsub/pubsub.js";
import { PolicyRepository } from "../recommendations/policy.repository.js";
import { PolicyService } from "../recommendations/policy.service.js";
import { CollectionModels } from "./collection-scoring.js";
import { ModelRegistry } from "./model-registry.js";
import { rescoreDeps } from "./rescore-portfolio.js";
import { maintenanceSeconds, type RescoreWorkerParts, rescoreQueueSettings } from "./rescore-queue.js";
import { ScoringService } from "./scoring.service.js";

/**
 * What a rescoring process outside the server (`npm run rescore`, `npm run rescore:worker`) runs on: the
 * database, the loaded model, the job queue, and publish-only live events (the servers' subscribers hear of
 * a finished run through the database).
 */
export async function openRescoreProcess() {
  const db = await resolveDatabase();
  const pool = createPgPool(db.url);
  const prisma = createPrismaClient(db.url);
  const pubsub = createAppPubSub({ pool, connection: pool.options, log: logger });
  const audit = new AuditService(pool);
  const models = new ModelRegistry(config().modelDir);
  const status = await models.load();
  const scoring = new ScoringService(models);
  // Past-due loans get a propensity to pay when its model is there (none is required).
  const collectionModels = new CollectionModels(config().collectionModelsDir);
  await collectionModels.load();
  const policies = new PolicyService(new PolicyRepository(prisma));
  const settings = rescoreQueueSettings();
  const jobs = new JobQueue({
    connectionString: db.url,
    maintenanceIntervalSeconds: maintenanceSeconds(settings.chunkTimeoutSeconds),
    pollingIntervalSeconds: 1,
    onError: (err) => logger.error({ err: err.message }, "job queue error"),
  });
  try {
    await jobs.start();
  } catch (err) {
    await Promise.allSettled([pubsub.close(), prisma.$disconnect(), pool.end()]);
    await db.release();
    throw err;
  }
  const deps = () => rescoreDeps({ pool, models, scoring, policies, pubsub, audit, collectionModels });
  return {
    pool,
    pubsub,
    audit,
    jobs,
    settings,
    /** What a chunk worker of this process needs (both CLIs start one). */
    workerParts: { pool, deps, pubsub, audit, log: logger, settings } satisfies RescoreWorkerParts,
    /** Why no model is loaded, for the error a rescoring without one gives. */
    modelProblem: "error" in status ? status.error : "no model loaded (npm run ml:train)",
    deps,
    /** Stops taking chunks (waiting up to `timeoutMs` for the current one), then closes everything. */
    async close(timeoutMs = 30_000) {
      await jobs.stop(timeoutMs).catch(() => {});
      await audit.flush().catch(() => {});
      await pubsub.close();
      await prisma.$disconnect();
      await pool.end();
      await db.release();
    },
  };
}

export type RescoreProcess = Awaited<ReturnType<typeof openRescoreProcess>>;
