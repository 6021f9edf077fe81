import { createClient } from "graphql-ws";
import { vi } from "vitest";
import WebSocket from "ws";
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
