import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import WebSocket from "ws";
import { builtServer } from "../../../test/built-server.js";
import { secondLoanOf } from "../../../test/contact-fixtures.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { probeUntilHeard } from "../../../test/subscriptions.js";
import { repoRoot } from "../config/repo-paths.js";
import { createPrismaClient, type Db } from "../db/prisma-client.js";
import { SERVER_NODE_FLAGS } from "../http/server-node-flags.js";
import { freePort } from "../net/ports.js";

async function until<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = probe();
      if (value === undefined) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: ms, interval: 100 },
  );
}

/** One server as a machine of its own would run it: a single process, its own port, the shared database. */
async function startServer(
  jwtSecret: string,
): Promise<{ process: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, builtServer()], {
    cwd: repoRoot,
    env: {
      ...process.env,
      API_WORKERS: "1",
      DATABASE_URL: inject("databaseUrl"),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      JWT_SECRET: jwtSecret,
      CREDITPATH_MODEL_DIR: "/nonexistent-model-dir",
      MODEL_WATCH_SECONDS: "0",
      RESCORE_INTERVAL_MINUTES: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c) => {
    output += c;
  });
  child.stderr?.on("data", (c) => {
    output += c;
  });
  await until("the server to listen", () => {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    return output.includes("CreditPathAI API listening") ? true : undefined;
  });
  return { process: child, url: `http://127.0.0.1:${port}`, output: () => output };
}

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

const login = async (baseUrl: string, email: string) =>
  (await post(`${baseUrl}/auth/login`, { email, password: PASSWORD })).token as string;

describe("two separate servers on one database", () => {
  let db: Db;
  let w: World;
  let one: Awaited<ReturnType<typeof startServer>>;
  let two: Awaited<ReturnType<typeof startServer>>;
  const running: Awaited<ReturnType<typeof startServer>>[] = [];

  beforeAll(async () => {
    db = createPrismaClient(inject("databaseUrl"));
    w = await createWorld(db);
    // Separate machines share a configured secret, not a parent process.
    const secret = randomBytes(32).toString("base64url");
    // Both start at once, as replicas do; one that started is stopped after the run even if the other failed.
    const started = await Promise.allSettled([startServer(secret), startServer(secret)]);
    for (const s of started) if (s.status === "fulfilled") running.push(s.value);
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    [one, two] = running as [typeof one, typeof two];
  }, 90_000);

  afterAll(async () => {
    for (const s of running) if (s.process.exitCode === null) s.process.kill("SIGTERM");
    await destroyWorld(db, w);
    await db.$disconnect();
  });

  it("deliver a task assigned through one to the agent's subscription on the other, and to nobody else", async () => {
    // A probe (see probeUntilHeard) is set apart from the events the test looks at, by its task.
    const subscribe = async (email: string, userId: string, teamId: string) => {
      // A loan and task of the agent's that the test does not otherwise touch.
      const probeLoan = await secondLoanOf(
        db,
        w,
        email === w.agentA.email ? w.loanA1 : w.loanB,
        userId,
        teamId,
      );
      const probeTaskId = (await db.task.findFirstOrThrow({ where: { loanId: probeLoan.id } })).id;
      const probes: unknown[] = [];
      const isProbe = (v: unknown) =>
        (v as { data?: { taskAssigned?: { id?: string } } }).data?.taskAssigned?.id === probeTaskId;
      const client = createClient({
        url: `${two.url.replace("http", "ws")}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${await login(two.url, email)}` },
      });
      const received: unknown[] = [];
      const ready = new Promise<void>((resolve) => client.on("connected", () => resolve()));
      client.subscribe(
        { query: "subscription { taskAssigned { id assigneeId loan { id } } }" },
        {
          next: (v) => (isProbe(v) ? probes : received).push(v),
          error: (e) => received.push({ error: e }),
          complete: () => {},
        },
      );
      await ready;
      return { client, received, probes, probeTaskId, userId };
    };
    const agentB = await subscribe(w.agentB.email, w.agentB.id, w.teamB.id);
    const agentA = await subscribe(w.agentA.email, w.agentA.id, w.teamA.id);
    // Each hears a probe of a task of their own before the test goes on: their subscriptions are live. Probes are set apart below by their task ids.
    // Each hears a probe of a task of their own before the test goes on: their subscriptions are live.
    for (const listener of [agentB, agentA])
      await probeUntilHeard(
        inject("databaseUrl"),
        "TASK_ASSIGNED",
        { taskId: listener.probeTaskId, assigneeId: listener.userId, assignedById: w.manager.id },
        [listener.probes],
      );

    const task = await db.task.findFirstOrThrow({ where: { loanId: w.loanA1.id } });
    const res = await post(
      `${one.url}/graphql`,
      {
        query: "mutation($input: AssignTaskInput!) { assignTask(input: $input) { id assigneeId } }",
        variables: { input: { taskId: task.id, assigneeId: w.agentB.id, idempotencyKey: randomUUID() } },
      },
      await login(one.url, w.manager.email),
    );
    expect(res).toEqual({ data: { assignTask: { id: task.id, assigneeId: w.agentB.id } } });

    await until(
      "the other server to deliver it",
      () => (agentB.received.length > 0 ? true : undefined),
      5000,
    );
    // Then a task for each of them, through the same server: each hears theirs, and a second copy of the first
    // event, or agent A hearing it, would have arrived before these.
    const assign = async (loanId: string, assigneeId: string) => {
      const t = await db.task.findFirstOrThrow({ where: { loanId } });
      const variables = { input: { taskId: t.id, assigneeId, idempotencyKey: randomUUID() } };
      const query = "mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }";
      expect(
        await post(`${one.url}/graphql`, { query, variables }, await login(one.url, w.manager.email)),
      ).toEqual({ data: { assignTask: { id: t.id } } });
      return t.id;
    };
    const back = await assign(w.loanA1.id, w.agentA.id);
    const next = await assign(w.loanA2.id, w.agentB.id);
    await until("agent A to hear of the task handed back", () =>
      agentA.received.length > 0 ? true : undefined,
    );
    await until("agent B to hear of a second task", () => (agentB.received.length > 1 ? true : undefined));
    expect(agentB.received).toEqual([
      { data: { taskAssigned: { id: task.id, assigneeId: w.agentB.id, loan: { id: w.loanA1.id } } } },
      { data: { taskAssigned: { id: next, assigneeId: w.agentB.id, loan: { id: w.loanA2.id } } } },
    ]);
    expect(agentA.received).toEqual([
      { data: { taskAssigned: { id: back, assigneeId: w.agentA.id, loan: { id: w.loanA1.id } } } },
    ]);
    await agentA.client.dispose();
    await agentB.client.dispose();
  });
});
