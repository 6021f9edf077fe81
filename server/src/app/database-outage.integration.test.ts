import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../test/fixtures.js";
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
