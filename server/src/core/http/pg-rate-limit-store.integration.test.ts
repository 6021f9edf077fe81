import { randomUUID } from "node:crypto";
import { buildSchema } from "graphql";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { createAppServer } from "../../app/http-server.js";
import { createPgPool } from "../db/pg-pool.js";
import { createLogger } from "../logging/logger.js";
import { freePort } from "../net/ports.js";
import { pgRateLimitStore, type ReadableRateLimitStore } from "./pg-rate-limit-store.js";

// Each run's keys are its own, so reruns against a kept database start from zero.
const run = randomUUID().slice(0, 8);
const route = { routeInfo: { method: "POST", url: `/store-test-${run}` } };

/** A route's store as one server process would have it: its own plugin instance over its own pool. */
const routeStore = (pool: pg.Pool) => new (pgRateLimitStore(pool))({}).child(route);

const incr = (store: ReadableRateLimitStore, key: string, timeWindow = 60_000, max = 3) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(key, (err, res) => (err || !res ? reject(err) : resolve(res)), timeWindow, max),
  );

const deadPool = async () => createPgPool(`postgresql://nobody@127.0.0.1:${await freePort()}/closed`);

describe("rate-limit counters in PostgreSQL", () => {
  const pools: pg.Pool[] = [];
  let processA: ReadableRateLimitStore;
  let processB: ReadableRateLimitStore;

  beforeAll(() => {
    pools.push(createPgPool(inject("databaseUrl"), 2), createPgPool(inject("databaseUrl"), 2));
    processA = routeStore(pools[0] as pg.Pool);
    processB = routeStore(pools[1] as pg.Pool);
  });
  afterAll(async () => {
    await pools[0]?.query(`DELETE FROM "RateLimitWindow" WHERE key LIKE $1`, [`%${run}%`]);
    await Promise.all(pools.map((p) => p.end()));
  });

  it("counts hits from two server processes against one limit", async () => {
    const key = `ip-1|${run}`;
    const hits = [];
    for (const store of [processA, processB, processA, processB]) hits.push((await incr(store, key)).current);
    expect(hits).toEqual([1, 2, 3, 4]);
    // With max 3, the plugin refuses the 4th: current > max.
    expect(hits.map((n) => n > 3)).toEqual([false, false, false, true]);
    const peek = await new Promise((resolve) => processB.read(key, (_e, r) => resolve(r)));
    expect(peek).toMatchObject({ current: 4, ttl: expect.any(Number) });
  });

  it("tells the client how long the window still runs, by the database's clock", async () => {
    const first = await incr(processA, `ip-ttl|${run}`, 60_000);
    expect(first.ttl).toBeGreaterThan(59_000);
    expect(first.ttl).toBeLessThanOrEqual(60_000);
  });

  it("starts a new window once the old one has ended", async () => {
    const key = `ip-2|${run}`;
    expect((await incr(processA, key, 300)).current).toBe(1);
    expect((await incr(processB, key, 300)).current).toBe(2);
    // The window has to run out in real time: wait until the database says it has (no hits left to read).
    const hitsNow = () =>
      new Promise<number | undefined>((resolve) => processA.read(key, (_e, r) => resolve(r?.current)));
    await vi.waitFor(async () => expect(await hitsNow(), "hits in the 300 ms window, still open").toBe(0), {
      timeout: 5_000,
      interval: 25,
    });
    const fresh = await incr(processB, key, 300);
    expect(fresh.current).toBe(1);
    expect(fresh.ttl).toBeGreaterThan(200);
  });

  it("keeps keys, and the same key on different routes, apart", async () => {
    await incr(processA, `ip-3|${run}`);
    await incr(processA, `ip-3|${run}`);
    expect((await incr(processB, `ip-4|${run}`)).current).toBe(1);
    const otherRoute = new (pgRateLimitStore(pools[0] as pg.Pool))({}).child({
      routeInfo: { method: "GET", url: `/store-test-${run}` },
    });
    expect((await incr(otherRoute, `ip-3|${run}`)).current).toBe(1);
  });

  it("fails with SERVICE_UNAVAILABLE naming the counters when PostgreSQL cannot be reached", async () => {
    const pool = await deadPool();
    try {
      await expect(incr(routeStore(pool), `ip-5|${run}`)).rejects.toMatchObject({
        code: "SERVICE_UNAVAILABLE",
        message: expect.stringMatching(/rate-limit counters .* could not be reached/),
      });
    } finally {
      await pool.end();
    }
  });
});

describe("rate limits in the server", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    // /predict's audit records are written in batches: out before they are deleted, and before the pool ends.
    await app.services.audit.flush();
    const keys = await app.services.db.apiKey.findMany({
      where: { name: { startsWith: `store-test-${run}` } },
    });
    const ids = keys.map((k) => k.id);
    await app.services.db.auditLog.deleteMany({
      where: { OR: [{ entityId: { in: ids } }, { actorApiKeyId: { in: ids } }] },
    });
    await app.services.pool.query(`DELETE FROM "RateLimitWindow" WHERE key = ANY($1)`, [
      ids.map((id) => `POST /predict|key:${id}`),
    ]);
    await app.services.db.apiKey.deleteMany({ where: { id: { in: ids } } });
    await app.close();
  });

  const windowOf = async (apiKeyId: string) =>
    (
      await app.services.pool.query(`SELECT hits FROM "RateLimitWindow" WHERE key = $1`, [
        `POST /predict|key:${apiKeyId}`,
      ])
    ).rows[0];

  it("counts a limited key in the database and leaves an unlimited key out of it", async () => {
    const limited = await app.services.apiKeys.create(`store-test-${run}-limited`, 5);
    const unlimited = await app.services.apiKeys.create(`store-test-${run}-unlimited`, 0);
    for (const { key } of [limited, unlimited, unlimited]) {
      const res = await fetch(`${app.baseUrl}/predict`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": key },
        body: "{}",
      });
      // No model in this test app: the call itself fails, after the limit has been applied.
      expect(res.status).not.toBe(429);
    }
    expect(await windowOf(limited.record.id)).toEqual({ hits: 1 });
    expect(await windowOf(unlimited.record.id)).toBeUndefined();
  });

  it("answers 503 with the reason, not 500, when the counters cannot be reached", async () => {
    const pool = await deadPool();
    const log = createLogger("test");
    log.level = "silent";
    const schema = buildSchema("type Query { ok: Boolean }");
    const server = await createAppServer({ ...app.services, pool }, schema, log);
    try {
      const res = await server.app.inject({
        method: "POST",
        url: "/auth/login",
        payload: { email: `nobody-${run}@test.local`, password: "x" },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: {
          code: "SERVICE_UNAVAILABLE",
          message: expect.stringMatching(/rate-limit counters/),
          requestId: expect.any(String),
        },
      });
    } finally {
      await server.close();
      await pool.end();
    }
  });
});
