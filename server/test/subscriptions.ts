import { randomUUID } from "node:crypto";
import { createClient } from "graphql-ws";
import pg from "pg";
import { vi } from "vitest";
import WebSocket from "ws";
import { EVENTS_CHANNEL, packEnvelopes } from "../src/core/pubsub/pg-event-target.js";
import type { Topics } from "../src/core/pubsub/pubsub.js";
import type { TestApp } from "./test-app.js";

/** How long a test waits for an event or a subscription before it fails, naming what did not happen. */
const DEADLINE_MS = 10_000;

export interface Listener<T> {
  /** The subscription field's value of each event heard, in order. */
  heard: T[];
  client: ReturnType<typeof createClient>;
}

/**
 * Subscribes to `subscription { <field> { <selection> } }` as the holder of `token`, as their open portal
 * would, and resolves once the subscription is live on the server (its listener on `topic` is in place):
 * an event published after that reaches it, so no test has to guess how long subscribing takes.
 */
export async function subscribe<T>(
  app: TestApp,
  token: string,
  topic: keyof Topics,
  field: string,
  selection: string,
): Promise<Listener<T>> {
  const before = app.services.pubsub.subscriptions(topic);
  const client = createClient({
    url: `${app.baseUrl.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const heard: T[] = [];
  const errors: unknown[] = [];
  client.subscribe<Record<string, T>>(
    { query: `subscription { ${field} { ${selection} } }` },
    {
      next: (v) => {
        const event = v.data?.[field];
        if (event) heard.push(event);
        else errors.push(v.errors);
      },
      error: (e) => void errors.push(e),
      complete: () => {},
    },
  );
  await waitForSubscription(app, topic, before, () => {
    if (errors.length > 0) throw new Error(`${field} refused the subscription: ${JSON.stringify(errors)}`);
  });
  return { heard, client };
}

/**
 * Waits until `app` has more live subscriptions to `topic` than `before` (counted before subscribing), for
 * a test that opens its own client. `check` may throw to fail early (the subscription was refused).
 */
export async function waitForSubscription(
  app: TestApp,
  topic: keyof Topics,
  before: number,
  check: () => void = () => {},
): Promise<void> {
  await vi.waitFor(
    () => {
      check();
      if (app.services.pubsub.subscriptions(topic) <= before)
        throw new Error(`no subscription to ${topic} went live on the server`);
    },
    { timeout: DEADLINE_MS, interval: 10 },
  );
}

/**
 * Waits until `listener` has heard at least `count` events and returns them all: a test checks what was heard
 * once it has arrived, not after a guessed delay. To show that something was NOT heard, have the same
 * listener hear a later event it must receive (events of one subscription arrive in order) and check before it.
 */
export async function heardAtLeast<T>(listener: Listener<T>, count: number, what: string): Promise<T[]> {
  await vi.waitFor(
    () => {
      if (listener.heard.length < count)
        throw new Error(`${what}: heard ${listener.heard.length} of ${count} events`);
    },
    { timeout: DEADLINE_MS, interval: 10 },
  );
  return listener.heard;
}

/**
 * For subscriptions held by server processes of their own, whose listeners a test cannot count: sends
 * `payload` on `topic` through PostgreSQL's NOTIFY, as another server would, again and again until each
 * `received` list has heard it. A subscription that heard the probe is live, so what the test does next
 * reaches it. The probes stay in the lists (more may still be on their way): the test sets them apart by
 * the probe's ids.
 */
export async function probeUntilHeard<K extends keyof Topics>(
  databaseUrl: string,
  topic: K,
  payload: Topics[K][0],
  received: unknown[][],
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [envelope] = packEnvelopes(`probe-${randomUUID()}`, [{ t: topic, d: payload }]).payloads;
    await vi.waitFor(
      async () => {
        if (received.every((r) => r.length > 0)) return;
        await client.query("SELECT pg_notify($1, $2)", [EVENTS_CHANNEL, envelope]);
        throw new Error(`a subscription has not heard the ${topic} probe yet`);
      },
      { timeout: 3 * DEADLINE_MS, interval: 100 },
    );
  } finally {
    await client.end();
  }
}
