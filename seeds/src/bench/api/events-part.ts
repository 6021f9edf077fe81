import { randomUUID } from "node:crypto";
import type { Client } from "graphql-ws";
import { graphql, openSocket, type Session } from "./api-client.js";
import { type LatencyFigures, latencyFigures } from "./latency.js";
import { ASSIGN_TASK, TASK_UPDATED } from "./operations.js";

interface Delivery {
  taskId: string;
  at: number;
}

/**
 * `sockets` subscriptions of users allowed to see every task (recovery managers), then `events` task
 * reassignments by the team's supervisor, one after another: each delivery's delay runs from the moment
 * the mutation was sent (so it includes the mutation itself) to its arrival on that socket.
 */
export async function eventsPart(
  baseUrl: string,
  managers: Session[],
  supervisor: Session,
  moves: { taskId: string; assigneeIds: [string, string] }[],
  opts: { sockets: number; events: number; say: (line: string) => void },
): Promise<LatencyFigures & { sockets: number; events: number; expected: number; delivered: number }> {
  const clients: Client[] = [];
  const deliveries: Delivery[] = [];
  const unsubscribe: (() => void)[] = [];
  try {
    for (let i = 0; i < opts.sockets; i++) {
      const client = await openSocket(baseUrl, managers[i % managers.length] as Session);
      clients.push(client);
      unsubscribe.push(
        client.subscribe<{ taskUpdated: { id: string } }>(
          { query: TASK_UPDATED },
          {
            next: (m) => {
              const id = m.data?.taskUpdated.id;
              if (id) deliveries.push({ taskId: id, at: performance.now() });
            },
            error: () => {},
            complete: () => {},
          },
        ),
      );
      if ((i + 1) % 250 === 0) opts.say(`  ${i + 1} sockets open`);
    }
    const move = async (n: number) => {
      const m = moves[n % moves.length];
      if (!m) throw new Error("no task to move for the event figure");
      const sentAt = performance.now();
      await graphql(baseUrl, supervisor, ASSIGN_TASK, {
        input: { taskId: m.taskId, assigneeId: m.assigneeIds[n % 2], idempotencyKey: randomUUID() },
      });
      return { taskId: m.taskId, sentAt };
    };
    const settle = async (taskId: string, since: number, timeoutMs: number) => {
      const until = performance.now() + timeoutMs;
      const count = () => deliveries.filter((d) => d.taskId === taskId && d.at >= since).length;
      while (count() < opts.sockets && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    };
    // A first event makes sure every subscription is registered before anything is measured.
    const probe = await move(0);
    await settle(probe.taskId, probe.sentAt, 30_000);
    const delays: number[] = [];
    for (let n = 1; n <= opts.events; n++) {
      const { taskId, sentAt } = await move(n);
      await settle(taskId, sentAt, 10_000);
      for (const d of deliveries) if (d.taskId === taskId && d.at >= sentAt) delays.push(d.at - sentAt);
      deliveries.length = 0;
    }
    return {
      sockets: opts.sockets,
      events: opts.events,
      expected: opts.sockets * opts.events,
      delivered: delays.length,
      ...latencyFigures(delays),
    };
  } finally {
    for (const u of unsubscribe) u();
    await Promise.all(clients.map((c) => c.dispose()));
  }
}
