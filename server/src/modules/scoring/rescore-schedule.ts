import type pg from "pg";
import type { JobQueue } from "../../core/jobs/job-queue.js";
import type { Logger } from "../../core/logging/logger.js";
import { isWorked } from "../portfolio/portfolio-kind.js";
import type { RescoreDeps } from "./rescore-portfolio.js";
import { enqueueRescoring, type RescoreQueueSettings } from "./rescore-queue.js";
import { RescoringRunRepository } from "./rescoring-run.repository.js";

/** pg-boss's cron ticks every minute on this queue; the tick queues a run when the interval's slot is new. */
export const SCHEDULE_QUEUE = "rescore-schedule";

export interface ScheduleTick {
  intervalMinutes: number;
}

/**
 * The interval slot an instant falls in (minutes since the epoch, divided by the interval): a run per
 * portfolio and slot, whoever asks for it.
 */
export const scheduleSlot = (at: Date, intervalMinutes: number) =>
  Math.floor(at.getTime() / 60_000 / intervalMinutes);

/**
 * Rescoring at a fixed interval, however many server replicas run: each registers the same pg-boss cron
 * schedule (one row, one job per minute whichever processes run), and the tick queues a run per worked
 * portfolio for the current interval slot. The run table has one run per portfolio and slot, so even ticks
 * that two replicas ran at once queue one run. A portfolio whose previous run is still going is skipped.
 * 0 removes the schedule.
 */
export async function scheduleRescoring(jobs: JobQueue, intervalMinutes: number): Promise<void> {
  await jobs.queue(SCHEDULE_QUEUE, { policy: "singleton", retryLimit: 0 });
  if (intervalMinutes > 0)
    await jobs.schedule(SCHEDULE_QUEUE, "* * * * *", { intervalMinutes } satisfies ScheduleTick);
  else await jobs.unschedule(SCHEDULE_QUEUE);
}

export interface ScheduleParts {
  pool: pg.Pool;
  jobs: JobQueue;
  deps: () => Promise<RescoreDeps | null>;
  settings: RescoreQueueSettings;
  log: Logger;
}

/**
 * Queues the slot's runs (see scheduleRescoring); returns their ids (none when another process queued them).
 * Reference portfolios (training data) change only by import, and nobody works them: `npm run rescore`.
 */
export async function rescoreOnSchedule(
  parts: ScheduleParts,
  intervalMinutes: number,
  now = new Date(),
): Promise<string[]> {
  const deps = await parts.deps();
  if (!deps) {
    parts.log.warn("scheduled rescoring skipped: no model loaded");
    return [];
  }
  const runs = new RescoringRunRepository(parts.pool);
  const slot = scheduleSlot(now, intervalMinutes);
  const queued: string[] = [];
  for (const portfolio of (await deps.histories.portfolios()).filter((x) => isWorked(x.kind))) {
    if (await runs.running(portfolio.id)) continue;
    const id = await enqueueRescoring(parts.pool, parts.jobs, parts.settings, {
      portfolio,
      modelVersion: deps.card.version,
      asOf: now,
      trigger: "schedule",
      scheduleSlot: slot,
    });
    if (id) {
      queued.push(id);
      parts.log.info({ portfolio: portfolio.name, runId: id }, "scheduled rescoring queued");
    }
  }
  return queued;
}

/** Works the schedule's ticks in this process (any process that works rescoring chunks does). */
export async function workScheduleTicks(parts: ScheduleParts): Promise<void> {
  await parts.jobs.queue(SCHEDULE_QUEUE, { policy: "singleton", retryLimit: 0 });
  await parts.jobs.work<ScheduleTick>(SCHEDULE_QUEUE, async ({ intervalMinutes }) => {
    if (intervalMinutes > 0) await rescoreOnSchedule(parts, intervalMinutes);
  });
}
