import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import type { DbTx } from "../db/prisma-client.js";
import { AppError } from "../errors/app-error.js";
import { IdempotencyService } from "./idempotency.service.js";

describe("idempotency keys", () => {
  let app: TestApp;
  let service: IdempotencyService;
  let userId: string;

  beforeAll(async () => {
    app = await startTestApp();
    service = new IdempotencyService(app.services.db);
    const user = await app.services.db.user.create({
      data: {
        email: `idem-${randomUUID()}@test.local`,
        displayName: "idem",
        role: "AGENT",
        passwordHash: "!",
      },
    });
    userId = user.id;
  });
  afterAll(async () => {
    await app.services.db.user.delete({ where: { id: userId } });
    await app.close();
  });

  const call = (key: string, input: unknown = { n: 1 }) => ({ userId, key, operation: "test", input });

  it("runs the work once for concurrent calls with one key, and answers the others from it", async () => {
    let runs = 0;
    const key = randomUUID();
    const work = async (tx: DbTx) => {
      runs++;
      // This transaction stays open until the three other calls wait on its key row (on its transaction id,
      // in PostgreSQL's lock table): they are concurrent for certain, not by a guessed delay.
      const [mine] = await tx.$queryRaw<{ xid: string }[]>`SELECT pg_current_xact_id()::text AS xid`;
      await vi.waitFor(
        async () => {
          const { rows } = await app.services.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks
             WHERE locktype = 'transactionid' AND NOT granted AND transactionid::text = $1`,
            [mine?.xid],
          );
          if ((rows[0]?.n ?? 0) < 3) throw new Error(`${rows[0]?.n} of 3 other calls wait on the key`);
        },
        { timeout: 10_000, interval: 10 },
      );
      return { run: runs };
    };
    const answers = await Promise.all([1, 2, 3, 4].map(() => service.run(call(key), work)));
    expect(runs).toBe(1);
    expect(answers.map((a) => a.result)).toEqual([{ run: 1 }, { run: 1 }, { run: 1 }, { run: 1 }]);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
  });

  it("keeps no key for a call that failed, so its retry runs", async () => {
    const key = randomUUID();
    await expect(
      service.run(call(key), async () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await service.run(call(key), async () => "ran")).toEqual({ result: "ran", replayed: false });
  });

  it("treats the same input in another key order as the same request, and another input as a conflict", async () => {
    const key = randomUUID();
    await service.run(call(key, { a: 1, b: 2 }), async () => "first");
    expect(await service.run(call(key, { b: 2, a: 1 }), async () => "second")).toEqual({
      result: "first",
      replayed: true,
    });
    const clash = await service.run(call(key, { a: 2, b: 2 }), async () => "third").catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(AppError);
    expect((clash as AppError).code).toBe("CONFLICT");
  });

  it("forgets a key after 24 hours, and the purge removes expired keys", async () => {
    const key = randomUUID();
    const expire = () =>
      app.services.db.idempotencyKey.update({
        where: { userId_key: { userId, key } },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
    await service.run(call(key), async () => "day one");
    await expire();
    // An expired key is a new request again, even before the purge.
    expect(await service.run(call(key, { other: true }), async () => "day two")).toEqual({
      result: "day two",
      replayed: false,
    });
    const stored = await app.services.db.idempotencyKey.findUniqueOrThrow({
      where: { userId_key: { userId, key } },
    });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    await expire();
    expect(await service.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await app.services.db.idempotencyKey.count({ where: { userId, key } })).toBe(0);
  });
});
