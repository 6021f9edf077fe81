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

export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[secret]" : scrubSecrets(v)]),
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
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Most records one statement carries; a busy server writes in batches up to this size. */
const MAX_BATCH = 500;

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
    this.record(entry).catch((err) => this.onLateFailure(entry.action, err));
  }

  /** Resolves once every record taken so far is written (for a clean shutdown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  record(entry: AuditEntry): Promise<void> {
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
      this.queue.push({ data, resolve, reject });
      if (!this.writing) this.writing = this.drain();
    });
  }

  private async drain() {
    // Let the records of this turn of the event loop join the first batch.
    await Promise.resolve();
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
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
    }
  }
}
