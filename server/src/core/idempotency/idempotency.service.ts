import type { Db, DbTx } from "../db/prisma-client.js";
import { conflict } from "../errors/app-error.js";
import { requestHash } from "./idempotency-key.js";

const KEEP_SECONDS = 24 * 3600;
const PURGE_EVERY_MS = 10 * 60_000;

export interface IdempotentCall {
  userId: string;
  key: string;
  /** The operation's name, e.g. "startTask". */
  operation: string;
  /** The request's input without the key: the same key with another input is refused. */
  input: unknown;
}

/**
 * Runs a mutation at most once per (user, key) within 24 hours. The key's row is inserted in the same
 * transaction as the mutation's writes and holds its result: of two concurrent calls with one key, the
 * second's INSERT waits on the first's uncommitted row (PostgreSQL's unique index decides, not a
 * read-then-write), then finds it committed and answers from it; if the first failed and rolled back, the
 * second runs instead. Failures are therefore never stored: only an applied change is.
 * Results must be plain JSON (they are stored as `jsonb` and returned as stored).
 */
export class IdempotencyService {
  private lastPurgeAt = Date.now();

  constructor(private readonly db: Db) {}

  async run<T>(
    call: IdempotentCall,
    work: (tx: DbTx) => Promise<T>,
  ): Promise<{ result: T; replayed: boolean }> {
    const hash = requestHash(call.operation, call.input);
    this.purgeIfDue();
    return this.db.$transaction(
      async (tx) => {
        // A key past its 24 hours is taken over as if new, whether or not the purge has removed it yet.
        const claimed = await tx.$queryRaw<{ claimed: number }[]>`
          INSERT INTO "IdempotencyKey" ("userId", key, operation, "requestHash", "expiresAt")
          VALUES (${call.userId}::uuid, ${call.key}, ${call.operation}, ${hash}, now() + ${KEEP_SECONDS}::int * interval '1 second')
          ON CONFLICT ("userId", key) DO UPDATE SET operation = EXCLUDED.operation, "requestHash" = EXCLUDED."requestHash",
            response = NULL, "createdAt" = now(), "expiresAt" = EXCLUDED."expiresAt"
          WHERE "IdempotencyKey"."expiresAt" <= now()
          RETURNING 1 AS claimed`;
        if (claimed.length === 0) return { result: await this.replay<T>(tx, call, hash), replayed: true };
        const result = await work(tx);
        await tx.$executeRaw`UPDATE "IdempotencyKey" SET response = ${JSON.stringify(result ?? null)}::jsonb
          WHERE "userId" = ${call.userId}::uuid AND key = ${call.key}`;
        return { result, replayed: false };
      },
      // A second call with the same key waits here for the first one's commit.
      { maxWait: 5_000, timeout: 15_000 },
    );
  }

  /** Deletes keys past their 24 hours; returns how many. */
  async purgeExpired(): Promise<number> {
    return this.db.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "expiresAt" <= now()`;
  }

  private async replay<T>(tx: DbTx, call: IdempotentCall, hash: string): Promise<T> {
    const [stored] = await tx.$queryRaw<{ operation: string; requestHash: string; response: T }[]>`
      SELECT operation, "requestHash", response FROM "IdempotencyKey"
      WHERE "userId" = ${call.userId}::uuid AND key = ${call.key}`;
    if (!stored || stored.requestHash !== hash) {
      throw conflict(
        `idempotencyKey "${call.key}" was already used for a different request` +
          `${stored && stored.operation !== call.operation ? ` (${stored.operation})` : ""} in the last 24 hours: ` +
          "use a new key for a new request, and the same key only to retry the same one",
        { field: "idempotencyKey" },
      );
    }
    return stored.response;
  }

  // Fire and forget, at most every ten minutes per process: expired keys only take room (an expired key is
  // taken over by a new call anyway), so a failed purge can wait for the next period.
  private purgeIfDue() {
    if (Date.now() - this.lastPurgeAt < PURGE_EVERY_MS) return;
    this.lastPurgeAt = Date.now();
    this.purgeExpired().catch(() => {});
  }
}
