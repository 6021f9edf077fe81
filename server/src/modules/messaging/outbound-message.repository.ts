import type pg from "pg";
import { inTransaction } from "../../core/db/pg-transaction.js";
import type { ActionType, CommunicationChannel, OutboundCancelReason } from "../../generated/prisma/enums.js";
import { collectedSql } from "../loans/collectable.js";
import { ownChannel, REMINDER_ACTIONS, templateFor } from "./message-templates.js";

/** Which recommendations an enqueue looks at: some, one portfolio's, some loans', or all of them. */
export type EnqueueScope =
  | { recommendationIds: readonly string[] }
  | { portfolioId: string }
  | { loanIds: readonly string[] }
  | { all: true };

export interface EnqueueCounts {
  /** New messages for active automated recommendations. */
  queued: number;
  /** Queued messages whose recommendation is no longer active. */
  cancelled: number;
}

/** A message claimed for sending: what the sender needs to check the rules, render and deliver it. */
export interface ClaimedMessage {
  id: string;
  loanId: string;
  borrowerId: string;
  recommendationId: string | null;
  recommendationActive: boolean;
  actionType: ActionType;
  channel: CommunicationChannel;
  template: string;
  attempts: number;
}

/** The rows of `OutboundMessage` a scope covers (`m` is the message), and the recommendations (`r`). */
function scopeSql(scope: EnqueueScope): { messages: string; recommendations: string; param: unknown } {
  if ("recommendationIds" in scope)
    return {
      messages: `m."loanId" IN (SELECT "loanId" FROM "Recommendation" WHERE id = ANY($1::uuid[]))`,
      recommendations: `r.id = ANY($1::uuid[])`,
      param: scope.recommendationIds,
    };
  if ("portfolioId" in scope)
    return {
      messages: `m."loanId" IN (SELECT id FROM "Loan" WHERE "portfolioId" = $1::uuid)`,
      recommendations: `l."portfolioId" = $1::uuid`,
      param: scope.portfolioId,
    };
  if ("loanIds" in scope)
    return {
      messages: `m."loanId" = ANY($1::uuid[])`,
      recommendations: `r."loanId" = ANY($1::uuid[])`,
      param: scope.loanIds,
    };
  // Every row: the statements keep their parameter numbering, so $1 stays (typed, and always true).
  return { messages: "$1::int IS NOT NULL", recommendations: "$1::int IS NOT NULL", param: 1 };
}

// Only a loan still collected gets reminders (loans/collectable.ts). The channel is the recommendation's (the
// contact rules may have chosen a fallback), unless it names one no message goes by; the template is the action's. A recommendation's message is looked up by its id, one
// index probe each (LATERAL ... LIMIT 1): as a NOT EXISTS the planner tends to merge-join the scope's
// recommendations with the whole message index, which grows with every run.
const INSERT_MESSAGES = (where: string) => `
  INSERT INTO "OutboundMessage" ("loanId", "borrowerId", "recommendationId", "actionType", channel, template, "notBefore", "updatedAt")
  SELECT r."loanId", l."borrowerId", r.id, r."actionType",
         CASE WHEN r.channel IN ('SMS', 'EMAIL', 'PUSH') THEN r.channel ELSE t.channel END, t.template, $5::timestamptz, now()
  FROM "Recommendation" r
  JOIN unnest($2::"ActionType"[], $3::"CommunicationChannel"[], $4::text[]) AS t(action, channel, template) ON t.action = r."actionType"
  JOIN "Loan" l ON l.id = r."loanId" AND ${collectedSql("l")}
  JOIN "Portfolio" p ON p.id = l."portfolioId" AND p.kind = 'OPERATIONAL'
  LEFT JOIN LATERAL (SELECT true AS found FROM "OutboundMessage" m WHERE m."recommendationId" = r.id LIMIT 1) m ON true
  WHERE r.status = 'ACTIVE' AND ${where} AND m.found IS NULL
  ON CONFLICT DO NOTHING`;

const CANCEL_SUPERSEDED = (where: string) => `
  UPDATE "OutboundMessage" m SET status = 'CANCELLED', "cancelReason" = 'RECOMMENDATION_CHANGED', "cancelledAt" = now(), "updatedAt" = now()
  WHERE m.status = 'QUEUED' AND ${where}
    AND NOT EXISTS (SELECT 1 FROM "Recommendation" r WHERE r.id = m."recommendationId" AND r.status = 'ACTIVE')`;

/**
 * Cancels queued messages whose recommendation is no longer active, then queues one message for each active
 * automated recommendation of a worked loan in the scope that has none yet (at most one pending per loan and
 * action: a conflict with a message still pending is skipped, and a later sweep adds it). On a pool, or on a
 * client in the caller's transaction (rescoring queues a chunk's messages with its recommendations).
 */
export async function enqueueMessages(
  db: pg.Pool | pg.PoolClient,
  scope: EnqueueScope,
  notBefore: Date,
): Promise<EnqueueCounts> {
  const s = scopeSql(scope);
  const cancelled = await db.query(CANCEL_SUPERSEDED(s.messages), [s.param]);
  const queued = await db.query(INSERT_MESSAGES(s.recommendations), [
    s.param,
    REMINDER_ACTIONS,
    REMINDER_ACTIONS.map(ownChannel),
    REMINDER_ACTIONS.map((a) => templateFor(a).id),
    notBefore,
  ]);
  return { queued: queued.rowCount ?? 0, cancelled: cancelled.rowCount ?? 0 };
}

/** The set-based SQL of the outbound queue: enqueue, dispatch, claim and close messages. */
export class OutboundMessageRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** See `enqueueMessages`. */
  enqueue(scope: EnqueueScope, notBefore: Date): Promise<EnqueueCounts> {
    return enqueueMessages(this.pool, scope, notBefore);
  }

  /**
   * Marks up to `limit` due messages as dispatched and returns them, for the caller to hand to the job queue.
   * A message dispatched more than `redispatchAfterSeconds` ago and still queued (its job was lost) comes
   * again; SKIP LOCKED lets several dispatchers run at once without handing out a message twice.
   */
  async takeDue(now: Date, limit: number, redispatchAfterSeconds: number): Promise<{ id: string }[]> {
    const res = await this.pool.query<{ id: string }>(
      `UPDATE "OutboundMessage" m SET "dispatchedAt" = $1 FROM (
         SELECT id FROM "OutboundMessage" WHERE status = 'QUEUED' AND "notBefore" <= $1
           AND ("dispatchedAt" IS NULL OR "dispatchedAt" < $1::timestamptz - make_interval(secs => $3))
         ORDER BY "notBefore" LIMIT $2 FOR UPDATE SKIP LOCKED) d
       WHERE m.id = d.id RETURNING m.id`,
      [now, limit, redispatchAfterSeconds],
    );
    return res.rows;
  }

  /** Takes the message for this worker alone (QUEUED -> SENDING), if it is still queued and due. */
  async claim(id: string, now: Date): Promise<ClaimedMessage | null> {
    const res = await this.pool.query<ClaimedMessage>(
      `WITH claimed AS (
         UPDATE "OutboundMessage" SET status = 'SENDING', "updatedAt" = now()
         WHERE id = $1 AND status = 'QUEUED' AND "notBefore" <= $2
         RETURNING id, "loanId", "borrowerId", "recommendationId", "actionType", channel, template, attempts)
       SELECT c.*, COALESCE(r.status = 'ACTIVE', false) AS "recommendationActive"
       FROM claimed c LEFT JOIN "Recommendation" r ON r.id = c."recommendationId"`,
      [id, now],
    );
    return res.rows[0] ?? null;
  }

  /** The borrower's name and addresses and the loan's currency: what rendering and delivery need. */
  async recipient(loanId: string): Promise<{
    fullName: string | null;
    phone: string | null;
    email: string | null;
    currency: string;
  } | null> {
    const res = await this.pool.query(
      `SELECT b."fullName", b.phone, b.email, l.currency FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId" WHERE l.id = $1`,
      [loanId],
    );
    return res.rows[0] ?? null;
  }

  async cancel(id: string, reason: OutboundCancelReason, rule: string | null, why: string): Promise<void> {
    await this.pool.query(
      `UPDATE "OutboundMessage" SET status = 'CANCELLED', "cancelReason" = $2, "contactRule" = $3, "lastError" = $4,
         "cancelledAt" = now(), "updatedAt" = now() WHERE id = $1 AND status = 'SENDING'`,
      [id, reason, rule, why],
    );
  }

  /** Back to the queue until `at`: a contact rule delays it, or a delivery failed for now. */
  async requeue(
    id: string,
    at: Date,
    why: string,
    options: { rule?: string; attempted?: boolean } = {},
  ): Promise<void> {
    await this.pool.query(
      `UPDATE "OutboundMessage" SET status = 'QUEUED', "notBefore" = $2, "lastError" = $3, "contactRule" = $4,
         attempts = attempts + $5, "dispatchedAt" = now(), "updatedAt" = now() WHERE id = $1 AND status = 'SENDING'`,
      [id, at, why, options.rule ?? null, options.attempted ? 1 : 0],
    );
  }

  /** The delivery's outcome: the Communication it is recorded as, and the message SENT or FAILED, at once. */
  async recordDelivery(
    m: ClaimedMessage,
    at: Date,
    body: string,
    result: { delivered: true } | { delivered: false; error: string },
  ): Promise<string> {
    return inTransaction(this.pool, async (client) => {
      const comm = await client.query<{ id: string }>(
        `INSERT INTO "Communication" ("borrowerId", "loanId", "externalKey", channel, direction, outcome, "startedAt", notes)
         VALUES ($1, $2, $3, $4, 'OUTBOUND', $5, $6, $7)
         ON CONFLICT ("borrowerId", "externalKey") DO UPDATE SET outcome = EXCLUDED.outcome RETURNING id`,
        [
          m.borrowerId,
          m.loanId,
          `outbound-message:${m.id}`,
          m.channel,
          result.delivered ? "DELIVERED" : "FAILED",
          at,
          `Automated ${m.actionType.toLowerCase().replace("_", " ")} (${m.template})`,
        ],
      );
      const communicationId = comm.rows[0]?.id as string;
      await client.query(
        `UPDATE "OutboundMessage" SET status = $2, body = $3, "sentAt" = $4, "communicationId" = $5, attempts = attempts + 1,
           "lastError" = $6, "updatedAt" = now() WHERE id = $1`,
        [
          m.id,
          result.delivered ? "SENT" : "FAILED",
          body,
          at,
          communicationId,
          result.delivered ? null : result.error,
        ],
      );
      return communicationId;
    });
  }

  /**
   * Messages left SENDING by a process that stopped mid-delivery: they may have gone out, so they are failed
   * rather than sent again (a reminder twice is worse than one missed; the next recommendation brings another).
   */
  async failInterrupted(olderThanSeconds: number): Promise<number> {
    const res = await this.pool.query(
      `UPDATE "OutboundMessage" SET status = 'FAILED', "lastError" = 'interrupted while sending (the process stopped): not sent again, it may have been delivered', "updatedAt" = now()
       WHERE status = 'SENDING' AND "updatedAt" < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
    return res.rowCount ?? 0;
  }
}
