import type pg from "pg";
import type { Principal } from "../auth/principal.js";

export type AuditOutcome = "SUCCESS" | "FAILURE" | "DENIED";

export interface AuditEntry {
  actor?: Principal | null;
  action: string;
  entityType?: string;
  entityId?: string;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  requestId?: string;
}

// Keys whose values are secrets: recorded as present, never as values.
const SECRET_KEYS = /pass(word)?|token|secret|apikey|key$/i;
// Free text a person typed (an agent's note on a case) may name the borrower, their family or their health:
// recorded as present, never as text.
const FREE_TEXT_KEYS = /^(note|notes|outcomeNote)$/i;

/** Audit details without secrets or free text. */
export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k)
          ? "[secret]"
          : FREE_TEXT_KEYS.test(k) && v != null
            ? "[free text]"
            : scrubSecrets(v),
      ]),
    );
  }
  return value;
}

interface AuditData {
  actorUserId: string | null;
  actorApiKeyId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: AuditOutcome;
  /** JSON text */
  details: string;
  requestId: string | null;
}

// One statement for a whole batch: the rows travel as one array per column.
const INSERT_BATCH = `INSERT INTO "AuditLog" ("actorUserId", "actorApiKeyId", action, "entityType", "entityId", outcome, details, "requestId")
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::"AuditOutcome"[], $7::jsonb[], $8::text[])`;

function insertBatch(pool: pg.Pool, rows: AuditData[]) {
  return pool.query(INSERT_BATCH, [
    rows.map((r) => r.actorUserId),
    rows.map((r) => r.actorApiKeyId),
    rows.map((r) => r.action),
    rows.map((r) => r.entityType),
    rows.map((r) => r.entityId),
    rows.map((r) => r.outcome),
    rows.map((r) => r.details),
    rows.map((r) => r.requestId),
  ]);
}

interface Pending {
  data: AuditData;
  /** A caller waits for this record's commit. */
  awaited: boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Most records one statement carries; a busy server writes in batches up to this size. */
const MAX_BATCH = 500;

/**
 * How long a record nobody waits for (`recordLater`) may sit in memory before it is written. At thousands of
 * scorer calls a second this turns a statement per few records into one per few hundred, which took about a
 * tenth of the server's CPU and a quarter of PostgreSQL's. A crash loses at most this much of the trail of
 * read-only calls; changes to data are never delayed.
 */
const LATER_MS = 25;

/**
 * Writes the audit trail: who did what to which record, and whether it worked.
 *
 * A caller's `record` resolves only once its row is committed, but concurrent records share one INSERT
 * (group commit): while a batch is being written, new records queue for the next one. Under load this
 * turns hundreds of commits (each waiting for the disk) into a few, without delaying a lone request. The
 * INSERT goes through `pg` directly: it runs for every scorer call, and building it through Prisma's query
 * engine cost about a quarter of the server's CPU under `/predict` load. Records are never part of a
 * caller's transaction, so nothing else changes.
 */
export class AuditService {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private laterTimer: NodeJS.Timeout | undefined;

  /** @param onLateFailure told when a record taken by `recordLater` could not be written. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly onLateFailure: (action: string, err: unknown) => void = () => {},
  ) {}

  /**
   * For read-only calls made many times a second (a scorer's `/predict`): the record joins the next batch
   * but the caller does not wait for the commit. Changes to data always use `record`.
   */
  recordLater(entry: AuditEntry): void {
    this.enqueue(entry, false).catch((err) => this.onLateFailure(entry.action, err));
  }

  /** Resolves once every record taken so far is written (for a clean shutdown). */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.writing) {
      if (!this.writing) this.startDrain(true);
      await this.writing;
    }
  }

  record(entry: AuditEntry): Promise<void> {
    return this.enqueue(entry, true);
  }

  private enqueue(entry: AuditEntry, now: boolean): Promise<void> {
    // Inside the executor, so that details that cannot be written as JSON reject instead of throwing.
    return new Promise<void>((resolve, reject) => {
      const data: AuditData = {
        actorUserId: entry.actor?.kind === "user" ? entry.actor.userId : null,
        actorApiKeyId: entry.actor?.kind === "apiKey" ? entry.actor.apiKeyId : null,
        action: entry.action,
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        outcome: entry.outcome ?? "SUCCESS",
        details: JSON.stringify(scrubSecrets(entry.details ?? {}) ?? {}),
        requestId: entry.requestId ?? null,
      };
      this.queue.push({ data, awaited: now, resolve, reject });
      if (now || this.queue.length >= MAX_BATCH) this.startDrain(false);
      else this.writeLater();
    });
  }

  private writeLater() {
    if (this.writing || this.laterTimer) return;
    this.laterTimer = setTimeout(() => this.startDrain(true), LATER_MS);
  }

  private startDrain(all: boolean) {
    clearTimeout(this.laterTimer);
    this.laterTimer = undefined;
    if (!this.writing) this.writing = this.drain(all);
  }

  /** Is there a batch to write without waiting: a full one, or one with a record someone waits for? */
  private due() {
    return this.queue.length >= MAX_BATCH || this.queue.some((p) => p.awaited);
  }

  /** @param all also write the records nobody waits for, as many as are queued when it starts */
  private async drain(all: boolean) {
    // Let the records of this turn of the event loop join the first batch.
    await Promise.resolve();
    let owed = all ? this.queue.length : 0;
    try {
      while (this.queue.length > 0 && (owed > 0 || this.due())) {
        const batch = this.queue.splice(0, MAX_BATCH);
        owed -= batch.length;
        try {
          await insertBatch(
            this.pool,
            batch.map((p) => p.data),
          );
          for (const p of batch) p.resolve();
        } catch {
          // One bad record must not fail the others' requests: write them one by one to find it.
          for (const p of batch) {
            try {
              await insertBatch(this.pool, [p.data]);
              p.resolve();
            } catch (err) {
              p.reject(err);
            }
          }
        }
      }
    } finally {
      this.writing = null;
      // Records nobody waits for that arrived during the last write go with the next batch.
      if (this.queue.length > 0) this.writeLater();
    }
  }
}
