import type pg from "pg";
import type { JobQueue } from "../../core/jobs/job-queue.js";
import {
  type EnqueueCounts,
  type EnqueueScope,
  enqueueMessages,
  type OutboundMessageRepository,
} from "./outbound-message.repository.js";

/** The job queue that sends one message per job; its singleton key is the message id. */
export const SEND_QUEUE = "outbound-send";
/** Hands due messages to SEND_QUEUE (every minute). */
export const DISPATCH_QUEUE = "outbound-dispatch";
/** Catches what was missed: recommendations without a message, messages left half-sent (every few minutes). */
export const SWEEP_QUEUE = "outbound-sweep";

export interface SendJob {
  messageId: string;
}

const DISPATCH_BATCH = 1000;
/** A due message whose job was handed out this long ago and that is still queued gets a new job. */
const REDISPATCH_AFTER_SECONDS = 15 * 60;
/** A message SENDING for this long belongs to a process that stopped mid-delivery. */
const INTERRUPTED_AFTER_SECONDS = 15 * 60;

/**
 * Queues a message for each active automated recommendation (SMS, push, e-mail reminders) in the scope that
 * has none yet, and cancels queued messages whose recommendation was superseded. What needs a message is
 * selected in SQL: a rescoring calls this for each chunk, in the chunk's transaction (scope: the chunk's
 * loans, so a message commits with its recommendation), and the periodic sweep with everything. Messages are
 * sent by the outbound worker (outbound-worker.ts), in whichever server process runs it.
 */
export function enqueueAutomatedMessages(
  db: pg.Pool | pg.PoolClient,
  scope: EnqueueScope,
  now = new Date(),
): Promise<EnqueueCounts> {
  return enqueueMessages(db, scope, now);
}

/** The queue's moving parts over pg-boss: dispatch due messages as jobs, sweep, wake a message later. */
export class OutboundQueue {
  constructor(
    private readonly repo: OutboundMessageRepository,
    private readonly jobs: JobQueue,
  ) {}

  /** One job per due message, in batches; a message already waiting in a job is not given a second. */
  async dispatchDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await this.repo.takeDue(now, DISPATCH_BATCH, REDISPATCH_AFTER_SECONDS);
      await this.jobs.sendMany<SendJob>(
        SEND_QUEUE,
        due.map((m) => ({ data: { messageId: m.id }, singletonKey: m.id })),
      );
      total += due.length;
      if (due.length < DISPATCH_BATCH) return total;
    }
  }

  /** A job that sends the message at `at` (a contact rule delays it, or a delivery is retried). */
  async wakeAt(messageId: string, at: Date): Promise<void> {
    await this.jobs.send<SendJob>(SEND_QUEUE, {
      data: { messageId },
      singletonKey: messageId,
      startAfter: at,
    });
  }

  /** Everything the event-driven path may have missed, then the dispatch of what is due. */
  async sweep(now = new Date()): Promise<EnqueueCounts & { interrupted: number; dispatched: number }> {
    const interrupted = await this.repo.failInterrupted(INTERRUPTED_AFTER_SECONDS);
    const counts = await this.repo.enqueue({ all: true }, now);
    return { ...counts, interrupted, dispatched: await this.dispatchDue(now) };
  }
}
