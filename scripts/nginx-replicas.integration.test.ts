// The deployment's nginx configuration (deploy/nginx/), run by Debian's nginx in front of two API processes on
// one database, as docker-compose.yml runs it in front of two replicas: what a user reaches through nginx.
import { randomBytes, randomUUID } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import WebSocket from "ws";
import { repoRoot } from "../server/src/core/config/repo-paths.js";
import { createPrismaClient, type Db } from "../server/src/core/db/prisma-client.js";
import { freePort } from "../server/src/core/net/ports.js";
import { builtServer } from "../server/test/built-server.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../server/test/fixtures.js";
// The run's test database and served model, which the global set-up provides (types only).
import type {} from "../server/test/global-setup.js";
import { skipUnless } from "../server/test/skip-unless.js";
import { type RunningNginx, startNginx } from "./lib/nginx.js";
import { startApi } from "./lib/stack.js";

const nginxPath = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const haveNginx = existsSync(nginxPath);
const NO_NGINX = `${nginxPath} is missing (as root \`npm test\` installs Debian's nginx; or set NGINX_PATH)`;
const portalRoot = path.join(repoRoot, "web", "dist");
const metricsToken = randomBytes(24).toString("hex");
/** How long a wait on a state (a log line, a live subscription, an event) may take before the test fails. */
const WAIT = { timeout: 15_000, interval: 50 };

interface Replica {
  url: string;
  /** The request ids of the replica's log lines, and the client address each was logged under. */
  requests(): Map<string, string | undefined>;
  stop(): Promise<void>;
}

const logDir = mkdtempSync(path.join(os.tmpdir(), "creditpath-replicas-"));

/** One API replica as the compose file runs it (one process, its own port), logging to a file we read. */
async function startReplica(name: string, jwtSecret: string): Promise<Replica> {
  builtServer(); // fails with a message when server/dist is stale
  const logFile = path.join(logDir, `${name}.log`);
  const fd = openSync(logFile, "w");
  let api: Awaited<ReturnType<typeof startApi>>;
  try {
    api = await startApi({
      databaseUrl: inject("databaseUrl"),
      apiPort: await freePort(),
      modelDir: inject("servedModelDir"),
      output: fd,
      env: {
        HOST: "127.0.0.1",
        API_WORKERS: "1",
        JWT_SECRET: jwtSecret,
        TRUSTED_PROXIES: "loopback",
        METRICS_TOKEN: metricsToken,
        LOG_LEVEL: "info",
        LOGIN_ATTEMPTS_PER_MINUTE: "100",
        MODEL_WATCH_SECONDS: "0",
        RESCORE_INTERVAL_MINUTES: "0",
        PROMISE_SWEEP_SECONDS: "0",
        MESSAGING_WORKER: "off",
      },
    });
  } finally {
    closeSync(fd); // the process writes through its own copy
  }
  const requests = () => {
    const seen = new Map<string, string | undefined>();
    for (const line of readFileSync(logFile, "utf8").split("\n")) {
      if (!line.startsWith("{")) continue;
      const entry = JSON.parse(line) as { reqId?: string; req?: { remoteAddress?: string } };
      if (entry.reqId && !seen.get(entry.reqId)) seen.set(entry.reqId, entry.req?.remoteAddress);
    }
    return seen;
  };
  return { url: api.url, requests, stop: api.stop };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await post(`${baseUrl}/auth/login`, { email, password: PASSWORD });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** A replica's live subscriptions to `topic`, from its own /metrics (nginx does not expose /metrics). */
async function liveSubscriptions(replica: Replica, topic: string): Promise<number> {
  const res = await fetch(`${replica.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  const text = await res.text();
  const match = new RegExp(`^graphql_subscriptions\\{topic="${topic}"\\} (\\d+)$`, "m").exec(text);
  if (!match) throw new Error(`${replica.url}/metrics has no graphql_subscriptions for ${topic}`);
  return Number(match[1]);
}

describe("nginx in front of two API replicas (deploy/nginx/creditpath.conf.template)", () => {
  let db: Db;
  let w: World;
  let nginx: RunningNginx | undefined;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    if (!haveNginx) return;
    if (!existsSync(path.join(portalRoot, "index.html")))
      throw new Error("web/dist is missing: run `npm run build -w web` first");
    db = createPrismaClient(inject("databaseUrl"));
    w = await createWorld(db);
    // Replicas on separate machines share a configured secret, not a parent process.
    const secret = randomBytes(32).toString("base64url");
    const started = await Promise.allSettled([startReplica("one", secret), startReplica("two", secret)]);
    for (const s of started) if (s.status === "fulfilled") replicas.push(s.value);
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    nginx = await startNginx(nginxPath, {
      API_UPSTREAM_1: new URL(replicas[0]?.url ?? "").host,
      API_UPSTREAM_2: new URL(replicas[1]?.url ?? "").host,
      PORTAL_ROOT: portalRoot,
    });
  }, 120_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    if (w) await destroyWorld(db, w);
    await db?.$disconnect();
    rmSync(logDir, { recursive: true, force: true });
  });

  it("serves the portal: index.html at its root and at the app's own paths, and its assets", async (ctx) => {
    skipUnless(ctx, haveNginx, NO_NGINX);
    const base = nginx?.url ?? "";
    for (const page of ["/", "/worklist", "/loans/some-loan"]) {
      const res = await fetch(`${base}${page}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(await res.text()).toBe(readFileSync(path.join(portalRoot, "index.html"), "utf8"));
    }
    const index = readFileSync(path.join(portalRoot, "index.html"), "utf8");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect(await fetch(`${base}/assets/no-such-file.js`).then((r) => r.status)).toBe(404);
    // The metrics describe one replica and are scraped from each directly, never through nginx.
    const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(metrics.status).toBe(404);
  });

  it("spreads REST and GraphQL requests over both replicas, each answer carrying its request id", async (ctx) => {
    skipUnless(ctx, haveNginx, NO_NGINX);
    const base = nginx?.url ?? "";
    const run = randomUUID().slice(0, 8);
    // Three of each kind in a row: round robin gives two requests in a row to different replicas, so each
    // replica serves both kinds whichever replica the first request went to.
    const ids: string[] = [];
    let token = "";
    for (let i = 0; i < 3; i++) {
      const id = `rest-${run}-${i}`;
      // The client's own forwarded address: the replicas trust nginx (loopback), so they count the client.
      const login = await post(
        `${base}/auth/login`,
        { email: w.agentA.email, password: PASSWORD },
        { "x-request-id": id, "x-forwarded-for": "203.0.113.7" },
      );
      expect(login.status).toBe(200);
      expect(login.headers.get("x-request-id")).toBe(id);
      token = ((await login.json()) as { token: string }).token;
      ids.push(id);
    }
    for (let i = 0; i < 3; i++) {
      const id = `gql-${run}-${i}`;
      const me = await post(
        `${base}/graphql`,
        { query: "{ me { email } }" },
        { authorization: `Bearer ${token}`, "x-request-id": id, "x-forwarded-for": "203.0.113.7" },
      );
      expect(me.headers.get("x-request-id")).toBe(id);
      expect(await me.json()).toEqual({ data: { me: { email: w.agentA.email } } });
      ids.push(id);
    }
    // Each request in the log of exactly one replica, once its log line is written.
    const served = await vi.waitFor(() => {
      const logs = replicas.map((r) => r.requests());
      for (const id of ids)
        if (logs.filter((l) => l.has(id)).length !== 1) throw new Error(`${id} is not in exactly one log`);
      return logs;
    }, WAIT);
    for (const log of served) {
      const mine = ids.filter((id) => log.has(id));
      expect(mine.some((id) => id.startsWith("rest-"))).toBe(true);
      expect(mine.some((id) => id.startsWith("gql-"))).toBe(true);
      for (const id of mine) expect(log.get(id)).toBe("203.0.113.7");
    }
  });

  it("delivers an event published through one replica to a subscription held by the other, over WebSocket through nginx", async (ctx) => {
    skipUnless(ctx, haveNginx, NO_NGINX);
    const base = nginx?.url ?? "";
    const [one, two] = replicas as [Replica, Replica];
    const before = await Promise.all([one, two].map((r) => liveSubscriptions(r, "TASK_ASSIGNED")));
    const client = createClient({
      url: `${base.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${await signIn(base, w.agentB.email)}` },
    });
    const heard: unknown[] = [];
    client.subscribe(
      { query: "subscription { taskAssigned { id assigneeId loan { id } } }" },
      { next: (v) => void heard.push(v), error: (e) => void heard.push({ error: e }), complete: () => {} },
    );
    try {
      // The replica nginx gave the socket to: the one whose live subscriptions went up.
      const holder = await vi.waitFor(async () => {
        const now = await Promise.all([one, two].map((r) => liveSubscriptions(r, "TASK_ASSIGNED")));
        const index = now.findIndex((n, i) => n > (before[i] ?? 0));
        if (index < 0)
          throw new Error(
            `no replica holds the subscription yet (heard: ${JSON.stringify(heard)})\n${nginx?.output()}`,
          );
        return index;
      }, WAIT);
      const other = holder === 0 ? two : one;

      const task = await db.task.findFirstOrThrow({ where: { loanId: w.loanA1.id } });
      const assigned = await post(
        `${other.url}/graphql`,
        {
          query: "mutation($input: AssignTaskInput!) { assignTask(input: $input) { id assigneeId } }",
          variables: { input: { taskId: task.id, assigneeId: w.agentB.id, idempotencyKey: randomUUID() } },
        },
        { authorization: `Bearer ${await signIn(other.url, w.manager.email)}` },
      );
      expect(await assigned.json()).toEqual({
        data: { assignTask: { id: task.id, assigneeId: w.agentB.id } },
      });

      await vi.waitFor(() => {
        if (heard.length === 0) throw new Error("the subscription through nginx heard nothing");
      }, WAIT);
      expect(heard).toEqual([
        { data: { taskAssigned: { id: task.id, assigneeId: w.agentB.id, loan: { id: w.loanA1.id } } } },
      ]);
    } finally {
      await client.dispose();
    }
  });
});
