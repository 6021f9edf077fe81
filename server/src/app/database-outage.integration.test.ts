import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../test/fixtures.js";
import { heardAtLeast, subscribe } from "../../test/subscriptions.js";
import { startTcpProxy } from "../../test/tcp-proxy.js";
import { gql, login, startTestApp, type TestApp } from "../../test/test-app.js";

// The server reaches the test database through a relay the test cuts, as when the database host goes away:
// every route must answer 503 SERVICE_UNAVAILABLE (never 401, which signs a mobile user out, nor 500), change
// nothing, and work again by itself once the database is back.

const UNAVAILABLE = "SERVICE_UNAVAILABLE";

describe("with the database unreachable", () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let app: TestApp;
  let w: World;
  let agentToken: string;
  let supervisorToken: string;

  beforeAll(async () => {
    const real = new URL(inject("databaseUrl"));
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port) });
    const relayed = new URL(real);
    relayed.port = String(proxy.port);
    app = await startTestApp(undefined, { databaseUrl: relayed.toString() });
    w = await createWorld(app.services.db);
    agentToken = await login(app, w.agentA.email, PASSWORD);
    supervisorToken = await login(app, w.supervisorA.email, PASSWORD);
  });

  afterAll(async () => {
    await proxy.restore().catch(() => {});
    await destroyWorld(app.services.db, w);
    await app.close();
    await proxy.close();
  });

  const rest = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${app.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  // One logical request (the same key and input), sent again on every retry as a client would.
  const startedAt = new Date(Date.now() - 60_000).toISOString();
  const logCall = (key: string) =>
    gql(
      app,
      `mutation Log($input: LogContactInput!) { logContact(input: $input) { contact { id } } }`,
      {
        input: {
          loanId: w.loanA1.id,
          channel: "CALL",
          direction: "INBOUND",
          outcome: "CONNECTED",
          startedAt,
          durationSeconds: 60,
          idempotencyKey: key,
        },
      },
      agentToken,
    );

  it("answers 503 on GraphQL and REST, loses no acknowledged write, and recovers by itself", async () => {
    const before = await gql(app, "{ me { id } }", {}, agentToken);
    expect(before.status).toBe(200);

    await proxy.cut();
    const key = randomUUID();

    // Signed in with a valid token: the worklist, a write, and a first request of a user the server has not
    // seen yet (whose account check needs the database).
    for (const [res, what] of [
      [await gql(app, "{ myWorklist(first: 5) { totalCount } }", {}, agentToken), "myWorklist"],
      [await logCall(key), "logContact"],
      [await gql(app, "{ me { id } }", {}, supervisorToken), "a first request"],
    ] as const) {
      expect(res.status, what).toBe(503);
      expect(res.body.errors?.[0]?.extensions?.code, what).toBe(UNAVAILABLE);
      expect(res.body.errors?.[0]?.message, what).toMatch(/database is unreachable/);
    }

    for (const [method, path, body] of [
      ["GET", `/features/${w.loanA1.id}`, undefined],
      ["GET", "/auth/whoami", undefined],
      ["POST", "/auth/login", { email: w.agentB.email, password: PASSWORD }],
      ["GET", "/health", undefined],
    ] as const) {
      const res = await rest(method, path, supervisorToken, body);
      expect(res.status, `${method} ${path}`).toBe(503);
      expect(JSON.stringify(await res.json()), `${method} ${path}`).not.toMatch(
        /127\.0\.0\.1|ECONNREFUSED|postgresql:/i,
      );
    }

    await proxy.restore();
    // The pools reconnect on their own: the first request after the outage may still meet a dropped socket.
    await vi.waitFor(
      async () => {
        const res = await gql(app, "{ me { id } }", {}, supervisorToken);
        if (res.status !== 200) throw new Error(`still ${res.status} after the database came back`);
      },
      { timeout: 15_000, interval: 200 },
    );

    // The write refused during the outage is applied once when the client retries it with its key.
    const first = await logCall(key);
    const again = await logCall(key);
    expect(first.body.errors).toBeUndefined();
    expect(again.body).toEqual(first.body);
    const logged = await app.services.db.communication.count({
      where: { loanId: w.loanA1.id, direction: "INBOUND", outcome: "CONNECTED" },
    });
    expect(logged).toBe(1);
  });
});

describe("live subscriptions across a database outage", () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  // The subscriber's server reaches the database through the relay; the other server (a replica) does not.
  let cutOff: TestApp;
  let replica: TestApp;
  let w: World;
  let agentToken: string;

  beforeAll(async () => {
    const real = new URL(inject("databaseUrl"));
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port) });
    const relayed = new URL(real);
    relayed.port = String(proxy.port);
    cutOff = await startTestApp(undefined, { databaseUrl: relayed.toString() });
    replica = await startTestApp();
    w = await createWorld(replica.services.db);
    agentToken = await login(replica, w.agentA.email, PASSWORD);
  });

  afterAll(async () => {
    await proxy.restore().catch(() => {});
    await destroyWorld(replica.services.db, w);
    await Promise.all([cutOff.close(), replica.close()]);
    await proxy.close();
  });

  it("are told to refetch once the database is back, and hear the other servers' events again", async () => {
    const missed = await subscribe<{ lostAt: string; resumedAt: string }>(
      cutOff,
      agentToken,
      "LIVE_EVENTS_MISSED",
      "liveEventsMissed",
      "lostAt resumedAt",
    );
    const updates = await subscribe<{ id: string; status: string }>(
      cutOff,
      agentToken,
      "TASK_UPDATED",
      "taskUpdated",
      "id status",
    );

    await proxy.cut();
    // The outage is real for this server: its requests are refused while the relay is cut.
    await vi.waitFor(
      async () => {
        const res = await gql(cutOff, "{ me { id } }", {}, agentToken);
        if (res.status !== 503) throw new Error(`answered ${res.status} with the database cut`);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(missed.heard).toEqual([]);
    await proxy.restore();

    // The server listens again by itself and tells its subscribers that events may have been missed.
    const [notice] = await heardAtLeast(missed, 1, "the refetch notice after the outage");
    expect(Date.parse(notice?.resumedAt ?? "")).toBeGreaterThan(Date.parse(notice?.lostAt ?? ""));

    // A change made through the other server reaches the subscriber only through PostgreSQL's NOTIFY: it is
    // heard only if this server's LISTEN is in place again.
    const task = await replica.services.db.task.findFirstOrThrow({ where: { loanId: w.loanA1.id } });
    const started = await gql(
      replica,
      `mutation S($taskId: ID!, $key: String!) { startTask(taskId: $taskId, idempotencyKey: $key) { id } }`,
      { taskId: task.id, key: randomUUID() },
      agentToken,
    );
    expect(started.body.errors).toBeUndefined();
    const [heard] = await heardAtLeast(updates, 1, "the task started through the other server");
    expect(heard).toEqual({ id: task.id, status: "IN_PROGRESS" });
    await Promise.all([missed.client.dispose(), updates.client.dispose()]);
  });
});
