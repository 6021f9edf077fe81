import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import WebSocket from "ws";
import { builtServer } from "../../../test/built-server.js";
import { secondLoanOf } from "../../../test/contact-fixtures.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { probeUntilHeard } from "../../../test/subscriptions.js";
import { repoRoot } from "../config/repo-paths.js";
import { createPrismaClient, type Db } from "../db/prisma-client.js";
import { freePort } from "../net/ports.js";
import { SERVER_NODE_FLAGS } from "./server-node-flags.js";

const PROCESSES = 2;
const LOGIN_LIMIT = 3;

/** One request on a connection of its own: the primary hands each new connection to the next process. */
function request(
  url: string,
  method: "GET" | "POST",
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent: false, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function childPids(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000) {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`timed out waiting for ${what}`);
      return value;
    },
    { timeout: ms, interval: 200 },
  );
}

describe(`the server as ${PROCESSES} processes sharing one port (API_WORKERS)`, () => {
  let db: Db;
  let w: World;
  let server: ChildProcess;
  let baseUrl: string;
  let output = "";

  beforeAll(async () => {
    db = createPrismaClient(inject("databaseUrl"));
    w = await createWorld(db);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      API_WORKERS: String(PROCESSES),
      DATABASE_URL: inject("databaseUrl"),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      LOGIN_ATTEMPTS_PER_MINUTE: String(LOGIN_LIMIT),
      CREDITPATH_MODEL_DIR: "/nonexistent-model-dir",
      MODEL_WATCH_SECONDS: "0",
      RESCORE_INTERVAL_MINUTES: "0",
    };
    // No shared secret configured: the processes must still accept each other's tokens.
    delete env.JWT_SECRET;
    server = spawn(process.execPath, [...SERVER_NODE_FLAGS, builtServer()], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (c) => {
      output += c;
    });
    server.stderr?.on("data", (c) => {
      output += c;
    });
    await until("the server to listen", () => {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output}`);
      return output.includes(`"processes":${PROCESSES}`) && output.includes("CreditPathAI API listening")
        ? true
        : undefined;
    });
  }, 90_000);

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    await destroyWorld(db, w);
    await db.$disconnect();
  });

  it("accepts a token in whichever process a request lands", async () => {
    const login = await request(`${baseUrl}/auth/login`, "POST", {
      email: w.supervisorA.email,
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    const token = login.json.token as string;
    for (let i = 0; i < 2 * PROCESSES; i++) {
      const res = await request(
        `${baseUrl}/graphql`,
        "POST",
        { query: "{ me { email } }" },
        { authorization: `Bearer ${token}` },
      );
      expect(res.json).toEqual({ data: { me: { email: w.supervisorA.email } } });
    }
  });

  it("delivers an assignment to every subscription of the agent, whichever process holds it", async () => {
    const token = (
      await request(`${baseUrl}/auth/login`, "POST", { email: w.agentB.email, password: PASSWORD })
    ).json.token as string;
    // A probe (see probeUntilHeard), on a task of agent B's the test does not otherwise touch, is set apart.
    const probeLoan = await secondLoanOf(db, w, w.loanB, w.agentB.id, w.teamB.id);
    const probeTaskId = (await db.task.findFirstOrThrow({ where: { loanId: probeLoan.id } })).id;
    const isProbe = (v: unknown) =>
      (v as { data?: { taskAssigned?: { id?: string } } }).data?.taskAssigned?.id === probeTaskId;
    // Several connections: the primary spreads them over the processes.
    const subscriptions = await Promise.all(
      Array.from({ length: 2 * PROCESSES }, async () => {
        const client = createClient({
          url: `${baseUrl.replace("http", "ws")}/graphql`,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: { authorization: `Bearer ${token}` },
        });
        const received: unknown[] = [];
        const probes: unknown[] = [];
        const ready = new Promise<void>((resolve) => client.on("connected", () => resolve()));
        client.subscribe(
          { query: "subscription { taskAssigned { id assigneeId } }" },
          { next: (v) => (isProbe(v) ? probes : received).push(v), error: () => {}, complete: () => {} },
        );
        await ready;
        return { client, received, probes };
      }),
    );
    // Every subscription, whichever process holds it, hears a probe sent through PostgreSQL: all are live.
    await probeUntilHeard(
      inject("databaseUrl"),
      "TASK_ASSIGNED",
      { taskId: probeTaskId, assigneeId: w.agentB.id, assignedById: w.manager.id },
      subscriptions.map((s) => s.probes),
    );

    // A manager moves team A's task to agent B, over a connection of its own.
    const managerToken = (
      await request(`${baseUrl}/auth/login`, "POST", { email: w.manager.email, password: PASSWORD })
    ).json.token as string;
    const task = await db.task.findFirstOrThrow({ where: { loanId: w.loanA1.id } });
    const res = await request(
      `${baseUrl}/graphql`,
      "POST",
      {
        query: "mutation($input: AssignTaskInput!) { assignTask(input: $input) { id assigneeId } }",
        variables: { input: { taskId: task.id, assigneeId: w.agentB.id, idempotencyKey: randomUUID() } },
      },
      { authorization: `Bearer ${managerToken}` },
    );
    expect(res.json).toEqual({ data: { assignTask: { id: task.id, assigneeId: w.agentB.id } } });

    await until(
      "every subscription to receive the assignment",
      () => (subscriptions.every((s) => s.received.length === 1) ? true : undefined),
      5000,
    ).catch(() => {}); // the assertions below say which subscription missed it
    for (const s of subscriptions) {
      expect(s.received).toEqual([{ data: { taskAssigned: { id: task.id, assigneeId: w.agentB.id } } }]);
      await s.client.dispose();
    }
  });

  it("counts sign-in attempts across the processes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i++) {
      statuses.push(
        (await request(`${baseUrl}/auth/login`, "POST", { email: w.agentA.email, password: "wrong" })).status,
      );
    }
    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429]);
  });

  it("replaces a process that dies, the others answering meanwhile", async () => {
    const pid = server.pid as number;
    const before = childPids(pid);
    expect(before).toHaveLength(PROCESSES);
    process.kill(before[0] as number, "SIGKILL");
    await until("the primary to notice", () =>
      output.includes("a server process died: starting a new one") ? true : undefined,
    );
    for (let i = 0; i < 2 * PROCESSES; i++)
      expect((await request(`${baseUrl}/health/live`, "GET")).status).toBe(200);
    const after = await until("a replacement process", () => {
      const now = childPids(pid);
      return now.length === PROCESSES && !now.includes(before[0] as number) ? now : undefined;
    });
    expect(after).toContain(before[1]);
  }, 60_000);

  it("stops every process on SIGTERM", async () => {
    const pid = server.pid as number;
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited, output.slice(-2000)).toBe(0);
    expect(childPids(pid)).toEqual([]);
  }, 30_000);
});
