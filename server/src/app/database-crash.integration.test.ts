import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { secondLoanOf } from "../../test/contact-fixtures.js";
import { createWorld, PASSWORD, type World } from "../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../test/test-app.js";
import { ensureDatabase, type RunningPostgres, startEmbeddedPostgres } from "../core/db/embedded-postgres.js";
import { migrateDeploy } from "../core/db/migrate.js";
import { PRISMA_POOL_SIZE } from "../core/db/prisma-client.js";
import { freePort } from "../core/net/ports.js";

// PostgreSQL is stopped as a crash would stop it (immediate shutdown: no checkpoint, transactions cut off)
// while an agent's client logs contacts and promises and works tasks, retrying each unacknowledged write with
// its idempotency key as the API asks clients to. What the server acknowledged must survive exactly once;
// what it did not may or may not have been applied, but never twice, and the retries apply it exactly once.
// The cluster is this test's own: crashing the run's shared one would fail every other file.

const CONTACTS = 20;
const PROMISES = 20;
const TASKS = 8;
/** Writes acknowledged before the crash: the stream is well under way, with most of it still to come. */
const CRASH_AFTER = 12;

const LOG_CONTACT = `mutation C($input: LogContactInput!) { logContact(input: $input) { contact { id } } }`;
const LOG_PROMISE = `mutation P($input: LogPromiseInput!) { logPromiseToPay(input: $input) { id } }`;
const START = `mutation S($taskId: ID!, $key: String!) { startTask(taskId: $taskId, idempotencyKey: $key) { id status } }`;
const COMPLETE = `mutation D($input: CompleteTaskInput!) { completeTask(input: $input) { id status } }`;

type Kind = "contact" | "promise" | "start" | "complete";

interface Write {
  kind: Kind;
  key: string;
  /** What identifies the write's row: the contact's note, the promise's amount, the task's id. */
  mark: string;
  query: string;
  variables: Record<string, unknown>;
  /** The id the server answered with, once it acknowledged the write. */
  acked?: string;
  /** Whether a first attempt went unacknowledged (refused or cut off by the crash). */
  retried: boolean;
}

interface Writer {
  waiting: boolean;
  done: boolean;
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("a database crash during a stream of writes", () => {
  let dir: string;
  let port: number;
  let cluster: RunningPostgres;
  let url: string;
  let app: TestApp;
  let w: World;
  let token: string;
  const taskIds: string[] = [];

  beforeAll(async () => {
    // mkdtemp is 0700; as root, the cluster set-up hands the folder itself to the postgres OS user.
    dir = mkdtempSync(path.join(os.tmpdir(), "creditpath-crash-pg-"));
    port = await freePort();
    cluster = await startEmbeddedPostgres({ dir, port, persistent: false });
    url = await ensureDatabase(cluster.serverUrl, "creditpath_crash");
    await migrateDeploy(url);
    app = await startTestApp(undefined, { databaseUrl: url });
    w = await createWorld(app.services.db);
    await app.services.db.loan.update({
      where: { id: w.loanA2.id },
      data: { outstandingBalance: "5000.00" },
    });
    for (let i = 0; i < TASKS; i++) {
      const loan = await secondLoanOf(app.services.db, w, w.loanA1, w.agentA.id, w.teamA.id);
      const task = await app.services.db.task.findFirstOrThrow({ where: { loanId: loan.id } });
      taskIds.push(task.id);
    }
    token = await login(app, w.agentA.email, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  /** What PostgreSQL holds of one write: its rows, and whether its idempotency key was stored with it. */
  async function stored(client: pg.Client, write: Write): Promise<{ ids: string[]; keyed: boolean }> {
    const rows = await client.query<{ id: string }>(
      {
        contact: `SELECT id FROM "Communication" WHERE notes = $1`,
        promise: `SELECT id FROM "PromiseToPay" WHERE "loanId" = '${w.loanA2.id}' AND amount = $1::numeric`,
        start: `SELECT id FROM "Task" WHERE id = $1::uuid AND "startedAt" IS NOT NULL`,
        complete: `SELECT id FROM "Task" WHERE id = $1::uuid AND status = 'DONE'`,
      }[write.kind],
      [write.mark],
    );
    const key = await client.query(
      `SELECT 1 FROM "IdempotencyKey" WHERE "userId" = $1 AND key = $2 AND response IS NOT NULL`,
      [w.agentA.id, write.key],
    );
    return { ids: rows.rows.map((r) => r.id), keyed: key.rowCount === 1 };
  }

  async function readAll(writes: Write[]) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const found = new Map<Write, { ids: string[]; keyed: boolean }>();
      for (const write of writes) found.set(write, await stored(client, write));
      return found;
    } finally {
      await client.end();
    }
  }

  /** One attempt: the id acknowledged, or undefined when the server refused for the outage or was cut off. */
  async function attempt(write: Write): Promise<string | undefined> {
    let res: Awaited<ReturnType<typeof gql>>;
    try {
      res = await gql(app, write.query, { ...write.variables }, token);
    } catch {
      return undefined; // the connection dropped: no answer, as a mobile client sees it
    }
    if (res.status === 503) return undefined;
    if (res.status !== 200 || res.body.errors)
      throw new Error(`${write.kind} ${write.mark} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const data = res.body.data as Record<string, { id?: string; contact?: { id: string } }>;
    const answer = Object.values(data)[0];
    return answer?.contact?.id ?? answer?.id;
  }

  it("keeps every acknowledged write exactly once, and the retried ones once", async () => {
    const contacts: Write[] = Array.from({ length: CONTACTS }, (_, i) => {
      const key = randomUUID();
      const mark = `crash-${w.tag}-${i}`;
      const input = {
        loanId: w.loanA1.id,
        channel: "CALL",
        direction: "INBOUND",
        outcome: "CONNECTED",
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        durationSeconds: 60,
        notes: mark,
        idempotencyKey: key,
      };
      return { kind: "contact", key, mark, query: LOG_CONTACT, variables: { input }, retried: false };
    });
    const promises: Write[] = Array.from({ length: PROMISES }, (_, i) => {
      const key = randomUUID();
      const mark = `${100 + i}.25`;
      const input = { loanId: w.loanA2.id, amount: mark, promisedDate: inDays(7), idempotencyKey: key };
      return { kind: "promise", key, mark, query: LOG_PROMISE, variables: { input }, retried: false };
    });
    const tasks: Write[] = taskIds.flatMap((taskId): Write[] => {
      const [startKey, completeKey] = [randomUUID(), randomUUID()];
      return [
        {
          kind: "start",
          key: startKey,
          mark: taskId,
          query: START,
          variables: { taskId, key: startKey },
          retried: false,
        },
        {
          kind: "complete",
          key: completeKey,
          mark: taskId,
          query: COMPLETE,
          variables: { input: { taskId, outcome: "NO_CONTACT", idempotencyKey: completeKey } },
          retried: false,
        },
      ];
    });
    const everything = [...contacts, ...promises, ...tasks];
    const sent = new Set<Write>();

    let allowRetries = () => {};
    const retriesAllowed = new Promise<void>((resolve) => {
      allowRetries = resolve;
    });

    // A client sends its writes one after another, and retries one that went unacknowledged, with its key,
    // before sending the next: the test holds the retries back until it has counted what the crash left.
    const run = async (writes: Write[], state: Writer) => {
      for (const write of writes) {
        sent.add(write);
        write.acked = await attempt(write);
        if (write.acked === undefined) {
          write.retried = true;
          state.waiting = true;
          await retriesAllowed;
          state.waiting = false;
          write.acked = await vi.waitFor(
            async () => {
              const id = await attempt(write);
              if (id === undefined) throw new Error(`${write.kind} ${write.mark} still unacknowledged`);
              return id;
            },
            { timeout: 60_000, interval: 100 },
          );
        }
      }
      state.done = true;
    };
    const writers = [contacts, promises, tasks].map((writes) => {
      const state: Writer = { waiting: false, done: false };
      return { state, finished: run(writes, state) };
    });
    // A writer that fails (an unexpected answer) fails the test at once rather than leaving it waiting.
    const failed = Promise.race(writers.map((x) => x.finished.then(() => new Promise<never>(() => {}))));
    failed.catch(() => {}); // reported by the race it loses to, or by Promise.all below

    const acked = () => everything.filter((x) => x.acked !== undefined && !x.retried);
    await Promise.race([
      failed,
      vi.waitFor(
        () => {
          if (acked().length < CRASH_AFTER) throw new Error(`only ${acked().length} writes acknowledged`);
        },
        { timeout: 30_000, interval: 5 },
      ),
    ]);
    await cluster.crash();

    // Every client is now stuck on a write the crash left unacknowledged (or has none left).
    await Promise.race([
      failed,
      vi.waitFor(
        () => {
          if (!writers.every((x) => x.state.waiting || x.state.done))
            throw new Error("a client is still writing with the database down");
        },
        { timeout: 30_000, interval: 20 },
      ),
    ]);
    const unacknowledged = [...sent].filter((x) => x.retried);
    expect(unacknowledged.length, "writes cut off by the crash").toBeGreaterThan(0);
    const acknowledged = [...sent].filter((x) => !x.retried);

    // PostgreSQL restarts on the same port and recovers from its write-ahead log.
    cluster = await startEmbeddedPostgres({ dir, port, portSetByUser: true, persistent: false });

    const afterCrash = await readAll([...sent]);
    for (const write of acknowledged) {
      const found = afterCrash.get(write);
      expect(found?.ids, `acknowledged ${write.kind} ${write.mark}`).toEqual([write.acked]);
      expect(found?.keyed, `the key of acknowledged ${write.kind} ${write.mark}`).toBe(true);
    }
    for (const write of unacknowledged) {
      const found = afterCrash.get(write);
      expect(found?.ids.length, `unacknowledged ${write.kind} ${write.mark}`).toBeLessThanOrEqual(1);
      // A write and its key commit together: a retry replays what was applied, or applies what was not.
      expect(found?.keyed, `the key of unacknowledged ${write.kind} ${write.mark}`).toBe(
        found?.ids.length === 1,
      );
    }

    allowRetries();
    await Promise.all(writers.map((x) => x.finished));

    const atEnd = await readAll(everything);
    for (const write of everything)
      expect(atEnd.get(write)?.ids, `${write.kind} ${write.mark} after the retries`).toEqual([
        write.kind === "contact" || write.kind === "promise" ? write.acked : write.mark,
      ]);
    // Nothing else was written: no row the client did not ask for, no second copy under another mark.
    const totals = await app.services.db.$transaction([
      app.services.db.communication.count({ where: { loanId: w.loanA1.id } }),
      app.services.db.promiseToPay.count({ where: { loanId: w.loanA2.id } }),
      app.services.db.task.count({ where: { id: { in: taskIds }, status: "DONE" } }),
    ]);
    expect(totals).toEqual([CONTACTS, PROMISES, TASKS]);

    // Every connection of the server's pool came back: as many transactions as it holds can be open at once.
    // One held by a transaction the crash cut off, never handed back, would leave the last of them waiting.
    let open = 0;
    await Promise.all(
      Array.from({ length: PRISMA_POOL_SIZE }, () =>
        app.services.db.$transaction(
          async (tx) => {
            await tx.$queryRaw`SELECT 1`;
            open++;
            await vi.waitFor(
              () => {
                if (open < PRISMA_POOL_SIZE)
                  throw new Error(`only ${open} of ${PRISMA_POOL_SIZE} transactions could open at once`);
              },
              { timeout: 10_000, interval: 10 },
            );
          },
          { maxWait: 10_000, timeout: 20_000 },
        ),
      ),
    );
  }, 180_000);
});
