import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createPgPool } from "../db/pg-pool.js";
import { MAX_NOTIFY_BYTES, packEnvelopes } from "./pg-event-target.js";
import { type AppPubSub, createAppPubSub, Topic } from "./pubsub.js";

interface Logged {
  level: string;
  msg: string;
}

function memoryLog(lines: Logged[]) {
  const at = (level: string) => (_obj: object, msg: string) => lines.push({ level, msg });
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

async function until(what: string, probe: () => boolean, ms = 10_000) {
  await vi.waitFor(
    () => {
      if (!probe()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: ms, interval: 20 },
  );
}

/** Collects a topic's events from a pubsub until `stop`. */
function collect(pubsub: AppPubSub) {
  const events: { taskId: string }[] = [];
  const iterator = pubsub.subscribe(Topic.TASK_ASSIGNED)[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      events.push(next.value);
    }
  })();
  return { events, stop: () => iterator.return?.() };
}

describe("NOTIFY payloads", () => {
  it("are split in order under PostgreSQL's limit, and an event too large on its own is set apart", () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      t: "TASK_ASSIGNED",
      d: { taskId: `task-${i}` },
    }));
    const huge = { t: "TASK_ASSIGNED", d: { taskId: "x".repeat(MAX_NOTIFY_BYTES) } };
    const { payloads, oversized } = packEnvelopes("origin", [
      ...events.slice(0, 500),
      huge,
      ...events.slice(500),
    ]);
    expect(oversized).toEqual([huge]);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(MAX_NOTIFY_BYTES);
    expect(payloads.flatMap((p) => JSON.parse(p).e)).toEqual(events);
  });
});

describe("events through PostgreSQL LISTEN/NOTIFY", () => {
  const url = inject("databaseUrl");
  const pools = [createPgPool(url, 2), createPgPool(url, 2)];
  const logs: Logged[][] = [[], []];
  // Listeners of their own name: other test files' servers listen on the same database, and are left alone.
  const listenerName = `creditpath-events-test-${process.pid}`;
  const [here, there] = pools.map((pool, i) =>
    createAppPubSub({
      pool,
      connection: { ...pool.options, application_name: listenerName },
      log: memoryLog(logs[i] as Logged[]),
      backoff: { initialMs: 50, maxMs: 500 },
    }),
  ) as [AppPubSub, AppPubSub];

  beforeAll(async () => {
    await Promise.all([here.listen(), there.listen()]);
  });
  afterAll(async () => {
    await Promise.all([here.close(), there.close()]);
    await Promise.all(pools.map((p) => p.end()));
  });

  it("reach the other process's subscribers once, and this process's subscribers once", async () => {
    const local = collect(here);
    const remote = collect(there);
    // A thousand events in one turn travel as a dozen payloads, each under the limit (more at once would
    // overflow the in-process subscriber's buffer, which takes at most 1024 waiting events).
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    for (const taskId of ids)
      here.publish(Topic.TASK_ASSIGNED, { taskId, assigneeId: "a", assignedById: "b" });
    // Then one more, in a later turn: a second copy of any of the thousand would arrive before it.
    await until("the other process to receive every event", () => remote.events.length >= ids.length);
    const last = "00000000-0000-4000-8000-999999999999";
    here.publish(Topic.TASK_ASSIGNED, { taskId: last, assigneeId: "a", assignedById: "b" });
    await until("the other process to receive the last event", () => remote.events.at(-1)?.taskId === last);
    await until("this process to receive the last event", () => local.events.at(-1)?.taskId === last);
    expect(remote.events.map((e) => e.taskId)).toEqual([...ids, last]);
    expect(local.events.map((e) => e.taskId)).toEqual([...ids, last]);
    await local.stop();
    await remote.stop();
  });

  it("listen again after the database drops the connection, and say so", async () => {
    const remote = collect(there);
    const killed = await pools[0]?.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [listenerName],
    );
    expect(killed?.rowCount).toBe(2);
    await until("both to listen again", () =>
      logs.every((l) => l.some((x) => x.msg === "listening for live events again")),
    );
    expect(
      logs[1]?.some((x) => x.level === "warn" && x.msg.startsWith("lost the live-events connection")),
    ).toBe(true);
    here.publish(Topic.TASK_ASSIGNED, { taskId: "after-reconnect", assigneeId: "a", assignedById: "b" });
    await until("the event after reconnecting", () =>
      remote.events.some((e) => e.taskId === "after-reconnect"),
    );
    await remote.stop();
  });
});
