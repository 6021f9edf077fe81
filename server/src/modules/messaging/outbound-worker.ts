import type pg from "pg";
import type { JobQueue } from "../../core/jobs/job-queue.js";
import type { Logger } from "../../core/logging/logger.js";
import { LoanHistoryRepository } from "../features/loan-history.repository.js";
import type { Policy } from "../recommendations/policy.js";
import type { MessageSender } from "./message-sender.js";
import { OutboundDelivery } from "./outbound-delivery.service.js";
import { OutboundMessageRepository } from "./outbound-message.repository.js";
import { DISPATCH_QUEUE, OutboundQueue, SEND_QUEUE, type SendJob, SWEEP_QUEUE } from "./outbound-queue.js";

export interface OutboundWorkerParts {
  pool: pg.Pool;
  policies: { active(): Promise<Policy> };
  sender: MessageSender;
  log: Logger;
  /** How often the sweep runs (minutes, 1-30). */
  sweepMinutes: number;
}

export interface OutboundWorker {
  queue: OutboundQueue;
  delivery: OutboundDelivery;
}

/**
 * Starts sending automated messages in this process, on the job queue shared by all processes: each message
 * job is fetched by one worker, and the message row is claimed again before delivery, so a message goes out
 * once however many processes run. Due messages are dispatched every minute and the sweep runs every
 * `sweepMinutes` (pg-boss cron: one job per tick across processes). Stopping the job queue stops it.
 */
export async function startOutboundWorker(
  jobs: JobQueue,
  parts: OutboundWorkerParts,
): Promise<OutboundWorker> {
  const repo = new OutboundMessageRepository(parts.pool);
  const queue = new OutboundQueue(repo, jobs);
  const delivery = new OutboundDelivery({
    repo,
    histories: new LoanHistoryRepository(parts.pool),
    policies: parts.policies,
    sender: parts.sender,
    wakeAt: (id, at) => queue.wakeAt(id, at),
  });
  // `short`: at most one waiting job per message; retries cover a failure outside the delivery's own
  // handling (the database gone for a moment), and the claim makes a retried job harmless.
  await jobs.queue(SEND_QUEUE, { policy: "short", retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true });
  await jobs.queue(DISPATCH_QUEUE, { policy: "singleton", retryLimit: 0 });
  await jobs.queue(SWEEP_QUEUE, { policy: "singleton", retryLimit: 0 });
  await jobs.work<SendJob>(SEND_QUEUE, async ({ messageId }) => {
    const outcome = await delivery.send(messageId);
    // Ids and codes only: the message's text and address are personal data.
    if (outcome.kind !== "skipped")
      parts.log.info({ messageId, outcome: outcome.kind, sender: parts.sender.name }, "outbound message");
  });
  await jobs.work(DISPATCH_QUEUE, async () => {
    await queue.dispatchDue();
  });
  await jobs.work(SWEEP_QUEUE, async () => {
    const s = await queue.sweep();
    if (s.queued + s.cancelled + s.interrupted > 0) parts.log.info(s, "outbound sweep");
  });
  await jobs.schedule(DISPATCH_QUEUE, "* * * * *");
  await jobs.schedule(SWEEP_QUEUE, `*/${parts.sweepMinutes} * * * *`);
  return { queue, delivery };
}
