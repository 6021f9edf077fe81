import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { waitForSubscription } from "../../../test/subscriptions.js";
import { login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { inTransaction } from "../../core/db/pg-transaction.js";
import { type AppPubSub, Topic } from "../../core/pubsub/pubsub.js";
import { storeDelinquency } from "../features/delinquency-refresh.js";
import { PromiseSweep } from "./promise-sweep.js";
import { PromiseSweepRepository } from "./promise-sweep.repository.js";

const SUBSCRIPTION = "subscription { promiseBroken { id loanId status amount loan { externalKey } } }";
const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe("promiseBroken: the sweep settles pending promises and announces each break once", () => {
  let app: TestApp;
  let w: World;
  const subscribers: { client: ReturnType<typeof createClient>; received: unknown[] }[] = [];

  const subscribe = async (email: string) => {
    const before = app.services.pubsub.subscriptions("PROMISE_BROKEN");
    const client = createClient({
      url: `${app.baseUrl.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${await login(app, email, PASSWORD)}` },
    });
    const received: unknown[] = [];
    const ready = new Promise<void>((resolve) => client.on("connected", () => resolve()));
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: (v) => void received.push(v),
        error: (e) => void received.push({ error: e }),
        complete: () => {},
      },
    );
    await ready;
    await waitForSubscription(app, "PROMISE_BROKEN", before);
    subscribers.push({ client, received });
    return received;
  };
  /** A promise made on June 1st, as of the world's portfolio date (June 30th). */
  const promise = (loan: World["loanA1"], promisedDate: string, amount = "100.00") =>
    app.services.db.promiseToPay.create({
      data: {
        loanId: loan.id,
        borrowerId: loan.borrowerId,
        amount,
        promisedDate: day(promisedDate),
        createdAt: new Date("2025-06-01T10:00:00Z"),
      },
    });

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    for (const s of subscribers) await s.client.dispose();
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("delivers a break to the loan's agent, their supervisor and managers only, once", async () => {
    const agentA = await subscribe(w.agentA.email);
    const agentB = await subscribe(w.agentB.email);
    const supervisorA = await subscribe(w.supervisorA.email);
    const manager = await subscribe(w.manager.email);

    const broken = await promise(w.loanA1, "2025-06-10");
    const kept = await promise(w.loanA2, "2025-06-10", "50.00");
    await app.services.db.payment.create({
      data: { loanId: w.loanA2.id, amount: "50.00", paidAt: new Date("2025-06-09T12:00:00Z") },
    });
    // Made after the portfolio's as-of date: its data cannot judge it yet.
    const later = await app.services.db.promiseToPay.create({
      data: {
        loanId: w.loanB.id,
        borrowerId: w.loanB.borrowerId,
        amount: "10",
        promisedDate: day("2025-06-10"),
      },
    });

    const summary = await app.services.promiseSweep.run();
    expect(summary.broken).toBeGreaterThanOrEqual(1);
    const status = async (id: string) =>
      (await app.services.db.promiseToPay.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(broken.id)).toBe("BROKEN");
    expect(await status(kept.id)).toBe("KEPT");
    expect(await status(later.id)).toBe("PENDING");

    const event = {
      data: {
        promiseBroken: {
          id: broken.id,
          loanId: w.loanA1.id,
          status: "BROKEN",
          amount: "100.00",
          loan: { externalKey: `L1-${w.tag}` },
        },
      },
    };
    await expect.poll(() => agentA.length).toBe(1);
    await expect.poll(() => supervisorA.length).toBe(1);
    await expect.poll(() => manager.filter((e) => JSON.stringify(e).includes(broken.id)).length).toBe(1);
    expect(agentA[0]).toEqual(event);
    expect(supervisorA[0]).toEqual(event);

    // A second sweep finds nothing new to announce.
    await app.services.promiseSweep.run();
    // Then one more break on each team's loan, which they hear: events of one subscription arrive in order, so
    // a repeat of the first break, or agent B hearing it, would come before these.
    const nextA = await promise(w.loanA1, "2025-06-11");
    const nextB = await promise(w.loanB, "2025-06-11");
    await app.services.promiseSweep.run();
    const ids = (heard: unknown[]) => heard.map((e) => (e as typeof event).data.promiseBroken.id);
    await expect.poll(() => ids(agentA), { timeout: 10_000 }).toEqual([broken.id, nextA.id]);
    await expect.poll(() => ids(supervisorA), { timeout: 10_000 }).toEqual([broken.id, nextA.id]);
    await expect.poll(() => ids(agentB), { timeout: 10_000 }).toEqual([nextB.id]);
  });

  it("announces a break once when several processes sweep at the same time", async () => {
    const broken = await Promise.all([promise(w.loanB, "2025-06-05"), promise(w.loanB, "2025-06-06")]);
    const published: string[] = [];
    // Three processes' sweeps: each with its own event bus, recording what it announces.
    const recorder = () => {
      const pubsub = {
        publish: (topic: string, event: { promiseId: string }) => {
          if (topic === Topic.PROMISE_BROKEN) published.push(event.promiseId);
        },
      } as unknown as AppPubSub;
      return new PromiseSweep(new PromiseSweepRepository(app.services.pool), pubsub, {
        keptTolerance: 0.95,
        graceDays: 2,
      });
    };
    await Promise.all([recorder().run(), recorder().run(), recorder().run()]);
    expect(published.filter((id) => broken.some((b) => b.id === id)).sort()).toEqual(
      broken.map((b) => b.id).sort(),
    );
  });

  it("leaves pending promises to the sweep when rescoring runs in the server, so no break goes unannounced", async () => {
    const p = await promise(w.loanA2, "2025-06-12");
    const rows = {
      dpd: [],
      current: [],
      historyLoans: [],
      intervals: [],
      promises: [[p.id, "BROKEN"]] as [string, string][],
    };
    const status = async () =>
      (await app.services.db.promiseToPay.findUniqueOrThrow({ where: { id: p.id } })).status;
    await inTransaction(app.services.pool, (c) => storeDelinquency(c, rows, { leavePending: true }));
    expect(await status()).toBe("PENDING");
    // The command-line rescoring (which announces nothing) settles it itself.
    await inTransaction(app.services.pool, (c) => storeDelinquency(c, rows));
    expect(await status()).toBe("BROKEN");
  });
});
