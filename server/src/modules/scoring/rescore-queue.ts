import os from "node:os";
import type pg from "pg";
import type { AuditService } from "../../core/audit/audit.service.js";
import { config } from "../../core/config/config.js";
import { inTransaction } from "../../core/db/pg-transaction.js";
import type { JobQueue } from "../../core/jobs/job-queue.js";
import type { Logger } from "../../core/logging/logger.js";
import type { AppPubSub } from "../../core/pubsub/pubsub.js";
import type { PortfolioRef } from "../features/loan-history.repository.js";
import { RescoreEvents, tallyChanges } from "./rescore-events.js";
import { type RescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";
import { ChunkTakenOver, RescoringRunRepository } from "./rescoring-run.repository.js";

/** The job queue of rescoring chunks: one job per chunk of a run, claimed by any worker process. */
export const CHUNK_QUEUE = "rescore-chunk";

/** Chunks that failed their last attempt (their handler threw, or their worker died): their run failed. */
export const FAILED_CHUNK_QUEUE = "rescore-chunk-failed";

export interface ChunkJob {
  runId: string;
  index: number;
}

/** Attempts of a chunk after its first: a worker that dies or fails mid-chunk hands it to another. */
const CHUNK_RETRIES = 3;

export interface RescoreQueueSettings {
  /** Loans per chunk. */
  chunkLoans: number;
  /** A chunk claimed for longer than this is taken for abandoned (its worker died) and retried. */
  chunkTimeoutSeconds: number;
}

/** The queue settings from the configuration (RESCORE_CHUNK_LOANS, RESCORE_CHUNK_TIMEOUT_SECONDS). */
export const rescoreQueueSettings = (): RescoreQueueSettings => ({
  chunkLoans: config().rescoreChunkLoans,
  chunkTimeoutSeconds: config().rescoreChunkTimeoutSeconds,
});

/** Creates the chunk queue (idempotent): both the processes that queue runs and those that work them call it. */
export async function prepareRescoreQueue(jobs: JobQueue, settings: RescoreQueueSettings): Promise<void> {
  await jobs.queue(FAILED_CHUNK_QUEUE, { policy: "standard", retryLimit: 2 });
  await jobs.queue(CHUNK_QUEUE, {
    policy: "standard",
    retryLimit: CHUNK_RETRIES,
    retryDelaySeconds: 2,
    expireInSeconds: settings.chunkTimeoutSeconds,
    deadLetter: FAILED_CHUNK_QUEUE,
  });
}

/**
 * How often a process running the queue looks for chunks whose worker died (pg-boss's maintenance): a sixth
 * of the chunk timeout, so a dead worker's chunk is retried within about 1.2 times the timeout.
 */
export const maintenanceSeconds = (chunkTimeoutSeconds: number) =>
  Math.max(1, Math.min(120, Math.floor(chunkTimeoutSeconds / 6)));

/**
 * Queues a rescoring of the portfolio: a run record, its chunks (ranges of loans) and one job per chunk, in
 * one transaction. Returns the run's id, or null when the portfolio already has a run for `scheduleSlot`.
 */
export async function enqueueRescoring(
  pool: pg.Pool,
  jobs: JobQueue,
  settings: RescoreQueueSettings,
  run: { portfolio: PortfolioRef; modelVersion: string; asOf?: Date; trigger: string; scheduleSlot?: number },
): Promise<string | null> {
  const runs = new RescoringRunRepository(pool);
  return inTransaction(pool, async (client) => {
    const chunks = await runs.chunkRanges(client, run.portfolio.id, settings.chunkLoans);
    const id = await runs.insertRun(client, {
      portfolioId: run.portfolio.id,
      modelVersion: run.modelVersion,
      asOf: run.asOf ?? new Date(),
      trigger: run.trigger,
      scheduleSlot: run.scheduleSlot ?? null,
      chunks,
    });
    if (!id) return null;
    await jobs.sendManyIn<ChunkJob>(
      client,
      CHUNK_QUEUE,
      chunks.map((c) => ({ data: { runId: id, index: c.index } })),
    );
    return id;
  });
}

export interface RescoreWorkerParts {
  pool: pg.Pool;
  /** The rescoring's dependencies as this process has them now (its model, the active policy); null: no model. */
  deps: () => Promise<RescoreDeps | null>;
  pubsub?: AppPubSub;
  audit?: AuditService;
  log: Logger;
  settings: RescoreQueueSettings;
  /** Told after each chunk this process finished (the CLI counts them). */
  onChunk?: (job: ChunkJob) => void;
}

/** How a worker process names itself in a chunk's claim (host and process id): who had it when it died. */
export const workerName = () => `${os.hostname()}:${process.pid}`;

/**
 * Works on queued rescoring chunks in this process, one at a time: pg-boss hands each chunk job to one
 * worker, on any machine. A chunk commits its loans a transaction at a time, each also recording the chunk's
 * progress, so a chunk retried after its worker died resumes after the last commit; the process finishing a
 * run's last chunk publishes its events and audit record. Stopping the job queue stops it.
 */
export async function startRescoreWorker(jobs: JobQueue, parts: RescoreWorkerParts): Promise<void> {
  await prepareRescoreQueue(jobs, parts.settings);
  const runs = new RescoringRunRepository(parts.pool);
  const me = workerName();
  await jobs.work<ChunkJob>(CHUNK_QUEUE, async (job, attempt) => {
    try {
      await rescoreChunk(parts, runs, job, me);
      parts.onChunk?.(job);
    } catch (err) {
      if (err instanceof ChunkTakenOver) return; // the attempt that took it over finishes it
      parts.log.error(
        { err: (err as Error).message, ...job, attempt: attempt.retryCount },
        "rescoring chunk failed",
      );
      throw err;
    }
  });
  // A chunk out of attempts fails its run: its other chunks stop being worked on (a claim of a failed run's
  // chunk does nothing), and the run's events and audit record say it failed.
  await jobs.work<ChunkJob>(FAILED_CHUNK_QUEUE, async (job, dead) => {
    const message = `chunk ${job.index} failed ${CHUNK_RETRIES + 1} times; last: ${failureMessage(dead.output)}`;
    if (await runs.failRun(job.runId, message)) await announceRun(parts, runs, job.runId, false);
  });
}

/** What pg-boss kept of a job's last failure (an error's message, or its own note of a timeout). */
function failureMessage(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null | undefined;
  const message = o?.message ?? o?.value?.message;
  return typeof message === "string" ? message : "no error recorded";
}

async function rescoreChunk(
  parts: RescoreWorkerParts,
  runs: RescoringRunRepository,
  job: ChunkJob,
  me: string,
) {
  const chunk = await runs.claim(job.runId, job.index, me);
  if (!chunk || chunk.done || chunk.runStatus !== "RUNNING") return;
  const deps = await parts.deps();
  if (!deps) throw new Error("this worker has no model loaded: put one in MODEL_DIR (npm run ml:train)");
  if (deps.card.version !== chunk.modelVersion)
    throw new Error(
      `this worker serves model ${deps.card.version} but the run was queued for ${chunk.modelVersion}: ` +
        "give every worker the same model folder (MODEL_DIR), or queue a new run",
    );
  const portfolio = (await deps.histories.portfolios()).find((p) => p.id === chunk.portfolioId);
  if (!portfolio) return; // deleted since: nothing to rescore
  let expected = chunk.committedThroughLoanId;
  await rescorePortfolio({ ...deps, audit: undefined }, portfolio, chunk.asOf, undefined, {
    events: "none",
    range: { after: expected ?? chunk.afterLoanId, through: chunk.throughLoanId },
    onCommit: async (client, part) => {
      const where = { runId: job.runId, index: job.index, expected };
      await runs.recordCommit(client, where, part, tallyChanges(part.changes));
      expected = part.lastLoanId;
    },
  });
  if (await runs.finishChunk(job.runId, job.index)) await announceRun(parts, runs, job.runId, true);
}

/**
 * A finished run's one audit record and its coalesced live events (one per audience), from the sums of its
 * chunks: the same as a run in one process publishes.
 */
async function announceRun(
  parts: RescoreWorkerParts,
  runs: RescoringRunRepository,
  runId: string,
  succeeded: boolean,
) {
  const totals = await runs.totals(runId);
  if (!totals) return;
  const events = new RescoreEvents(parts.pubsub, "coalesced", totals.portfolioId, undefined, runId);
  events.add(totals.events);
  events.finished(succeeded);
  await parts.audit?.record({
    action: "rescore.portfolio",
    entityType: "Portfolio",
    entityId: totals.portfolioId,
    outcome: succeeded ? "SUCCESS" : "FAILURE",
    details: { runId, ...totals.summary, modelVersion: totals.modelVersion },
  });
  parts.log.info({ runId, succeeded, ...totals.summary }, "rescoring run finished");
}
