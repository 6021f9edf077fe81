import "reflect-metadata";
import cluster from "node:cluster";
import { buildGraphQLSchema } from "./app/graphql-schema.js";
import { createAppServer } from "./app/http-server.js";
import { createServices } from "./app/services.js";
import { config } from "./core/config/config.js";
import { resolveDatabase } from "./core/db/database.js";
import { createPgPool } from "./core/db/pg-pool.js";
import { createPrismaClient } from "./core/db/prisma-client.js";
import { explainStartupFailure, StartupError } from "./core/errors/startup-error.js";
import { runServerProcesses } from "./core/http/server-processes.js";
import { JobQueue } from "./core/jobs/job-queue.js";
import { logger } from "./core/logging/logger.js";
import { portInUseError } from "./core/net/ports.js";
import { announceFailure, announceListening } from "./core/process/readiness.js";
import { onShutdownSignal } from "./core/process/shutdown-signals.js";
import { startOutboundWorker } from "./modules/messaging/outbound-worker.js";
import { schedulePromiseSweep } from "./modules/promises/promise-sweep.js";
import { rescoreDeps } from "./modules/scoring/rescore-portfolio.js";
import {
  maintenanceSeconds,
  rescoreQueueSettings,
  startRescoreWorker,
} from "./modules/scoring/rescore-queue.js";
import { scheduleRescoring, workScheduleTicks } from "./modules/scoring/rescore-schedule.js";

async function main() {
  const cfg = config();
  const db = await resolveDatabase((line) => logger.debug({ component: "postgres" }, line));
  const prisma = createPrismaClient(db.url);
  const pool = createPgPool(db.url, 8);
  const services = createServices(prisma, pool);
  const model = await services.models.load();
  if (model.state !== "loaded") logger.warn({ model }, "serving without a model: scoring is unavailable");
  else logger.info({ model: model.version }, "model loaded");
  for (const [kind, status] of Object.entries(await services.collectionModels.load())) {
    if (status.state === "loaded") logger.info({ kind, model: status.version }, "collection model loaded");
    else logger.info({ kind }, "no collection model: that score is not shown");
  }

  if (cfg.modelWatchSeconds > 0) {
    void services.models.watch(cfg.modelWatchSeconds * 1000, (status, err) =>
      err
        ? logger.error({ err: err.message, status }, "new model rejected; the previous one keeps serving")
        : logger.info({ model: status }, "model reloaded"),
    );
    void services.collectionModels.watch(cfg.modelWatchSeconds * 1000, (kind, status, err) =>
      err
        ? logger.error(
            { kind, err: err.message, status },
            "new collection model rejected; the previous one keeps serving",
          )
        : logger.info({ kind, model: status }, "collection model reloaded"),
    );
  }
  // Automated reminders are sent, and queued rescoring chunks worked on, from every server process that runs
  // those workers: pg-boss (its own schema, "pgboss", created at start) hands each job to one of them.
  // MESSAGING_WORKER=off and RESCORE_WORKER=off leave them to other processes. The rescoring schedule is
  // registered by every process (one shared schedule: a run per interval however many replicas run).
  const rescoreSettings = rescoreQueueSettings();
  const jobs =
    cfg.messaging.worker || cfg.rescoreWorker || cfg.rescoreIntervalMinutes > 0
      ? new JobQueue({
          connectionString: db.url,
          maintenanceIntervalSeconds: maintenanceSeconds(rescoreSettings.chunkTimeoutSeconds),
          onError: (err) => logger.error({ err: err.message }, "job queue error"),
        })
      : null;
  if (jobs) {
    await jobs.start();
    services.metrics.watchQueues(() => jobs.sizes());
    await scheduleRescoring(jobs, cfg.rescoreIntervalMinutes);
  }
  if (jobs && cfg.rescoreWorker) {
    const parts = {
      pool,
      deps: () => rescoreDeps(services),
      pubsub: services.pubsub,
      audit: services.audit,
      log: logger,
      settings: rescoreSettings,
    };
    await startRescoreWorker(jobs, parts);
    await workScheduleTicks({ ...parts, jobs });
  }
  if (jobs && cfg.messaging.worker) {
    await startOutboundWorker(jobs, {
      pool,
      policies: services.policies,
      sender: services.messageSender,
      log: logger,
      sweepMinutes: cfg.messaging.sweepMinutes,
    });
    logger.info({ sender: services.messageSender.name }, "outbound message worker started");
  }
  // Every process may sweep: a promise moves out of PENDING in one of them only, and is announced there.
  const stopSweep =
    cfg.promiseSweepSeconds > 0
      ? schedulePromiseSweep(services.promiseSweep, logger, cfg.promiseSweepSeconds)
      : () => {};

  // Subscribers connected here hear of changes made through the other processes from the first request on.
  await services.pubsub.listen();
  const server = await createAppServer(services, await buildGraphQLSchema(services.pubsub), logger);
  try {
    await server.app.listen({ host: cfg.host, port: cfg.port });
  } catch (err) {
    await server.close().catch(() => {});
    stopSweep();
    await jobs?.stop().catch(() => {});
    await db.release();
    throw (err as NodeJS.ErrnoException).code === "EADDRINUSE"
      ? portInUseError(cfg.port, "PORT", cfg.portsSetByUser.api)
      : err;
  }
  if (cfg.workerSlot === undefined) {
    logger.info({ url: `http://${cfg.host}:${cfg.port}` }, "CreditPathAI API listening");
    announceListening(cfg.port);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stopSweep();
    services.models.stopWatching();
    services.collectionModels.stopWatching();
    await server.close();
    // Lets a message being delivered finish, so that it is recorded rather than left half-sent.
    await jobs
      ?.stop()
      .catch((err: Error) => logger.error({ err: err.message }, "job queue did not stop cleanly"));
    await services.pubsub.close();
    await services.audit.flush();
    await prisma.$disconnect();
    await pool.end();
    await db.release();
    process.exit(0);
  };
  onShutdownSignal((signal) => void stop(signal));
}

(cluster.isPrimary && config().apiWorkers > 1 ? runServerProcesses(logger) : main()).catch(
  async (failure) => {
    const err = explainStartupFailure(failure);
    logger.fatal({ err }, "CreditPathAI API failed to start");
    // One line for whoever reads the terminal; the stack is in the log above.
    if (err instanceof StartupError) console.error(`CreditPathAI API: ${err.message} ${err.fix}`);
    await announceFailure(err);
    process.exit(1);
  },
);
