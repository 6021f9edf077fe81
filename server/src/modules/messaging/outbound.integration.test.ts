import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { JobQueue } from "../../core/jobs/job-queue.js";
import { createLogger } from "../../core/logging/logger.js";
import { DEFAULT_CONTACT_RULES } from "../contact-rules/contact-rules.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { DEFAULT_POLICY, type Policy } from "../recommendations/policy.js";
import { type RescoreDeps, rescoreDeps, rescorePortfolio } from "../scoring/rescore-portfolio.js";
import type { MessageSender } from "./message-sender.js";
import { OutboundDelivery } from "./outbound-delivery.service.js";
import { OutboundMessageRepository } from "./outbound-message.repository.js";
import { SEND_QUEUE } from "./outbound-queue.js";
import { type OutboundWorker, startOutboundWorker } from "./outbound-worker.js";
import { OutboxFileSender } from "./outbox-file.sender.js";
import { WebhookSender } from "./webhook.sender.js";

/** A policy whose every case is an SMS reminder (priority `p`: a new priority is a new recommendation). */
const smsPolicy = (p: number): Policy => ({
  ...DEFAULT_POLICY,
  version: 100 + p,
  contactRules: DEFAULT_CONTACT_RULES,
  rules: [
    { name: "all-sms", when: {}, action: "SMS_REMINDER", channels: ["SMS"], priority: p, dueInHours: 24 },
  ],
});

/** An IANA zone in which it is now about noon: real-time sending must not depend on when the test runs. */
function zoneAtNoon(now = new Date()): string {
  const offset = 12 - now.getUTCHours(); // -11 .. +12; Etc/GMT zones carry the sign inverted
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

const QUERY = `query Q($filter: OutboundMessageFilter, $first: Int, $after: String) {
  outboundMessages(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    messages: nodes { id loanId status channel template cancelReason contactRule body loan { id } }
  } }`;

describe("outbound messages: automated reminders are queued, checked at send time and sent once", () => {
  let app: TestApp;
  let w: World;
  let ref: PortfolioRef;
  let deps: RescoreDeps;
  let outbox: string;
  const workers: { jobs: JobQueue; worker: OutboundWorker }[] = [];
  const woken: { id: string; at: Date }[] = [];
  // In the past, so that messages queued then are due whenever the test runs.
  const rescoreAt = new Date("2025-07-01T15:00:00Z");

  const messagesOf = (loanId: string) =>
    app.services.db.outboundMessage.findMany({ where: { loanId }, orderBy: { createdAt: "asc" } });
  const pendingOf = async (loanId: string) =>
    app.services.db.outboundMessage.findFirstOrThrow({ where: { loanId, status: "QUEUED" } });
  const pendingOrSending = async (id: string) =>
    ["QUEUED", "SENDING"].includes(
      (await app.services.db.outboundMessage.findUniqueOrThrow({ where: { id } })).status,
    );
  const outboxLines = (messageId: string) => {
    let text = "";
    try {
      text = readFileSync(outbox, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { messageId: string; to: string; body: string })
      .filter((l) => l.messageId === messageId);
  };
  const rescore = (priority: number) =>
    rescorePortfolio({ ...deps, policy: smsPolicy(priority), threads: 0 }, ref, rescoreAt);
  /** A delivery with a fixed policy and a recorder for wake-ups (no job queue), for sends at chosen instants. */
  const delivery = (sender: MessageSender = new OutboxFileSender(outbox)) =>
    new OutboundDelivery({
      repo: new OutboundMessageRepository(app.services.pool),
      histories: new LoanHistoryRepository(app.services.pool),
      policies: { active: async () => smsPolicy(4) },
      sender,
      wakeAt: async (id, at) => {
        woken.push({ id, at });
      },
    });

  beforeAll(async () => {
    app = await startTestApp(inject("servedModelDir"));
    w = await createWorld(app.services.db);
    outbox = path.join(mkdtempSync(path.join(os.tmpdir(), "outbox-")), "messages.jsonl");
    const db = app.services.db;
    for (const loan of [w.loanA1, w.loanA2, w.loanB]) {
      await db.borrower.update({ where: { id: loan.borrowerId }, data: { phone: "+15550100" } });
      // One instalment paid, one overdue since 31 May (as of the portfolio's 30 June), one to come.
      await db.instalment.createMany({
        data: [
          { loanId: loan.id, sequence: 1, dueDate: new Date("2025-04-30"), amountDue: "350.00" },
          { loanId: loan.id, sequence: 2, dueDate: new Date("2025-05-31"), amountDue: "350.00" },
          { loanId: loan.id, sequence: 3, dueDate: new Date("2025-07-31"), amountDue: "350.00" },
        ],
      });
      await db.payment.create({
        data: { loanId: loan.id, amount: "350.00", paidAt: new Date("2025-04-29T10:00:00Z") },
      });
    }
    ref = { id: w.portfolio.id, name: w.portfolio.name, asOfDate: "2025-06-30", kind: "OPERATIONAL" };
    deps = (await rescoreDeps(app.services)) as RescoreDeps;
  });
  afterAll(async () => {
    for (const { jobs } of workers) await jobs.stop();
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("turns an automated recommendation into exactly one queued message and no task, however often rescored", async () => {
    const first = await rescore(4);
    expect(first.messagesQueued).toBe(2);
    await rescore(4);
    await app.services.outboundMessages.enqueueAutomatedMessages({ all: true }, rescoreAt);
    for (const loan of [w.loanA1, w.loanA2]) {
      const rec = await app.services.db.recommendation.findFirstOrThrow({
        where: { loanId: loan.id, status: "ACTIVE" },
      });
      expect(rec.actionType).toBe("SMS_REMINDER");
      const messages = await messagesOf(loan.id);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        recommendationId: rec.id,
        borrowerId: loan.borrowerId,
        status: "QUEUED",
        channel: "SMS",
        template: "sms-reminder.v1",
        body: null,
      });
      // The agent's call task was cancelled, and no reminder task was made.
      const tasks = await app.services.db.task.findMany({ where: { loanId: loan.id } });
      expect(tasks.filter((t) => t.status === "OPEN" || t.status === "IN_PROGRESS")).toEqual([]);
      expect(tasks.some((t) => t.actionType === "SMS_REMINDER")).toBe(false);
    }
    // A borrower who may not be contacted is a manager's case, not a message.
    expect(await messagesOf(w.loanB.id)).toEqual([]);
  });

  it("waits through the borrower's night and sends when their contact window opens", async () => {
    await app.services.db.borrower.update({
      where: { id: w.loanA2.borrowerId },
      data: { timeZone: "Asia/Tokyo" },
    });
    const m = await pendingOf(w.loanA2.id);
    // 15:00 UTC is midnight in Tokyo: the window (08:00-21:00) opens at 23:00 UTC.
    const opening = new Date("2025-07-01T23:00:00Z");
    expect(await delivery().send(m.id, rescoreAt)).toEqual({
      kind: "rescheduled",
      at: opening,
      rule: "OUTSIDE_CONTACT_HOURS",
    });
    expect(woken).toContainEqual({ id: m.id, at: opening });
    const waiting = await app.services.db.outboundMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(waiting).toMatchObject({
      status: "QUEUED",
      notBefore: opening,
      contactRule: "OUTSIDE_CONTACT_HOURS",
      attempts: 0,
    });
    expect(outboxLines(m.id)).toEqual([]);
    // Not before its time, whoever asks.
    expect(await delivery().send(m.id, new Date("2025-07-01T22:59:00Z"))).toEqual({ kind: "skipped" });
    // Two senders at the same instant: one claims the message, the other finds it taken.
    const race = await Promise.all([delivery().send(m.id, opening), delivery().send(m.id, opening)]);
    expect(race.map((o) => o.kind).sort()).toEqual(["sent", "skipped"]);
    const stored = await app.services.db.outboundMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(stored).toMatchObject({ status: "SENT", sentAt: opening, attempts: 1 });
    expect(stored.body).toBe(
      "Hi Borrower, your payment of $350.00 was due on 31 May 2025 and has not reached us yet. Please pay at your earliest convenience or reply to talk to us.",
    );
    expect(outboxLines(m.id)).toEqual([expect.objectContaining({ to: "+15550100", body: stored.body })]);
  });

  it("sends a message once when two workers (two job queues, as two processes) race for it", async () => {
    await app.services.db.borrower.update({
      where: { id: w.loanA1.borrowerId },
      data: { timeZone: zoneAtNoon() },
    });
    for (let i = 0; i < 2; i++) {
      const jobs = new JobQueue({
        connectionString: inject("databaseUrl"),
        schema: "pgboss_outbound_test",
        pollingIntervalSeconds: 0.5,
        onError: () => {},
      });
      await jobs.start();
      const log = createLogger("test");
      log.level = "silent";
      const worker = await startOutboundWorker(jobs, {
        pool: app.services.pool,
        policies: { active: async () => smsPolicy(4) },
        sender: new OutboxFileSender(outbox),
        log,
        sweepMinutes: 30,
      });
      workers.push({ jobs, worker });
    }
    const m = await pendingOf(w.loanA1.id);
    const [a, b] = workers as [(typeof workers)[0], (typeof workers)[0]];
    // Jobs from both processes, several for the one message on purpose (past the singleton key): the two
    // workers fetch them at the same time, and only the claim of the message row stands between them.
    await Promise.all([
      a.jobs.send(SEND_QUEUE, { data: { messageId: m.id } }),
      b.jobs.send(SEND_QUEUE, { data: { messageId: m.id } }),
      a.jobs.send(SEND_QUEUE, { data: { messageId: m.id } }),
      b.jobs.send(SEND_QUEUE, { data: { messageId: m.id } }),
      a.worker.queue.wakeAt(m.id, new Date()),
      b.worker.queue.wakeAt(m.id, new Date()),
    ]);
    await vi.waitFor(
      async () => {
        if (await pendingOrSending(m.id)) throw new Error("the message is still queued or being sent");
      },
      { timeout: 15_000, interval: 100 },
    );
    // Let every job run (each later one finds the message taken): until none for it waits or runs.
    await vi.waitFor(
      async () => {
        const { rows } = await app.services.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pgboss_outbound_test.job
           WHERE data->>'messageId' = $1 AND state IN ('created', 'active')`,
          [m.id],
        );
        expect(rows[0]?.n, "the message's send jobs still waiting or running").toBe(0);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(outboxLines(m.id)).toHaveLength(1);
    const comms = await app.services.db.communication.findMany({ where: { loanId: w.loanA1.id } });
    expect(comms).toHaveLength(1);
    expect(comms[0]).toMatchObject({
      channel: "SMS",
      direction: "OUTBOUND",
      outcome: "DELIVERED",
      agentId: null,
    });
    const stored = await app.services.db.outboundMessage.findUniqueOrThrow({ where: { id: m.id } });
    expect(stored).toMatchObject({ status: "SENT", attempts: 1, communicationId: comms[0]?.id });
    // Stopped here: their per-minute dispatch would otherwise send what the next tests queue.
    for (const { jobs } of workers.splice(0)) await jobs.stop();
  });

  it("cancels a superseded recommendation's queued message, and one whose borrower became unreachable, with the rule", async () => {
    await rescore(3);
    const changed = await rescore(2);
    expect(changed).toMatchObject({ messagesQueued: 2, messagesCancelled: 2 });
    for (const loan of [w.loanA1, w.loanA2]) {
      const states = (await messagesOf(loan.id)).map((m) => [m.status, m.cancelReason]);
      expect(states).toEqual([
        ["SENT", null],
        ["CANCELLED", "RECOMMENDATION_CHANGED"],
        ["QUEUED", null],
      ]);
    }
    const db = app.services.db;
    await db.borrower.update({ where: { id: w.loanA1.borrowerId }, data: { doNotContact: true } });
    await db.borrower.update({ where: { id: w.loanA2.borrowerId }, data: { contactOptOuts: ["SMS"] } });
    const m1 = await pendingOf(w.loanA1.id);
    const m2 = await pendingOf(w.loanA2.id);
    expect(await delivery().send(m1.id)).toEqual({
      kind: "cancelled",
      reason: "CONTACT_RULE",
      rule: "DO_NOT_CONTACT",
    });
    expect(await delivery().send(m2.id)).toEqual({
      kind: "cancelled",
      reason: "CONTACT_RULE",
      rule: "CHANNEL_OPT_OUT",
    });
    expect(await db.outboundMessage.findUniqueOrThrow({ where: { id: m2.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "CONTACT_RULE",
      contactRule: "CHANNEL_OPT_OUT",
      lastError: "The borrower opted out of SMS",
      communicationId: null,
    });
    expect([...outboxLines(m1.id), ...outboxLines(m2.id)]).toEqual([]);
    expect(await db.communication.count({ where: { loanId: { in: [w.loanA1.id, w.loanA2.id] } } })).toBe(2);
  });

  it("shows the queue to those who may see the loans, page by page, filtered", async () => {
    type Page = {
      pageInfo: { hasNextPage: boolean; endCursor: string };
      messages: { id: string; status: string; loan: { id: string } }[];
    };
    const tokens = new Map<string, string>();
    const as = async (email: string, variables: Record<string, unknown>) => {
      if (!tokens.has(email)) tokens.set(email, await login(app, email, PASSWORD));
      return (await gql(app, QUERY, variables, tokens.get(email))).body;
    };
    const page = async (email: string, variables: Record<string, unknown>): Promise<Page> => {
      const body = await as(email, variables);
      expect(body.errors).toBeUndefined();
      return body.data?.outboundMessages as Page;
    };
    const mine = { filter: { loanId: w.loanA1.id }, first: 10 };
    const supervisor = await page(w.supervisorA.email, mine);
    expect(supervisor.messages.map((m) => m.status)).toEqual(["CANCELLED", "CANCELLED", "SENT"]);
    expect(supervisor.messages.every((m) => m.loan.id === w.loanA1.id)).toBe(true);
    // An agent of another team does not see them (they look absent); the loan's own agent does.
    expect((await page(w.agentB.email, mine)).messages).toEqual([]);
    const own = await page(w.agentA.email, {
      ...mine,
      filter: { ...mine.filter, status: ["SENT"], channel: ["SMS"] },
    });
    expect(own.messages).toEqual([
      expect.objectContaining({ status: "SENT", channel: "SMS", template: "sms-reminder.v1" }),
    ]);
    // Keyset pages: a page of one and then one of two cover the three, each once.
    const p1 = await page(w.manager.email, { ...mine, first: 1 });
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await page(w.manager.email, { ...mine, first: 2, after: p1.pageInfo.endCursor });
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...p1.messages, ...p2.messages].map((m) => m.id)).size).toBe(3);
    const bad = await as(w.manager.email, { first: 500, after: "not-a-cursor" });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toContain("first must be between 1 and 100");
    const cursor = await as(w.manager.email, { first: 5, after: "not-a-cursor" });
    expect(cursor.errors?.[0]?.message).toBe(
      "after: not a cursor of this list: pass the endCursor of the previous page",
    );
  });
  it("sweeps up an automated recommendation the runs missed, never in a reference portfolio, and records a refused delivery as FAILED", async () => {
    const db = app.services.db;
    const loan = w.loanB;
    await db.borrower.update({ where: { id: loan.borrowerId }, data: { doNotContact: false } });
    await db.recommendation.updateMany({
      where: { loanId: loan.id, status: "ACTIVE" },
      data: { status: "SUPERSEDED" },
    });
    // Written by something other than a rescoring run (an import, a script): only the sweep sees it.
    const rec = await db.recommendation.create({
      data: {
        loanId: loan.id,
        actionType: "EMAIL_REMINDER",
        channel: "EMAIL",
        priority: 4,
        dueAt: rescoreAt,
        rationale: "test",
      },
    });
    await db.borrower.update({ where: { id: loan.borrowerId }, data: { email: "b3@example.test" } });
    await db.portfolio.update({ where: { id: w.portfolio.id }, data: { kind: "REFERENCE" } });
    await app.services.outboundMessages.enqueueAutomatedMessages({ all: true }, rescoreAt);
    expect(await messagesOf(loan.id)).toEqual([]);
    await db.portfolio.update({ where: { id: w.portfolio.id }, data: { kind: "OPERATIONAL" } });
    const swept = await app.services.outboundMessages.enqueueAutomatedMessages({ all: true }, rescoreAt);
    expect(swept.queued).toBeGreaterThanOrEqual(1);
    const [m] = await messagesOf(loan.id);
    expect(m).toMatchObject({
      recommendationId: rec.id,
      channel: "EMAIL",
      template: "email-reminder.v1",
      status: "QUEUED",
    });

    const gateway = createServer((req, res) => {
      req.resume();
      res.statusCode = 400;
      res.end();
    });
    await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/`;
      const webhook = new WebhookSender({
        url,
        secret: "s".repeat(32),
        timeoutMs: 2000,
        retries: 2,
        backoffMs: 10,
      });
      const outcome = await delivery(webhook).send(m?.id as string, rescoreAt);
      expect(outcome).toMatchObject({ kind: "failed", error: "webhook answered 400 Bad Request" });
    } finally {
      await new Promise<void>((r) => gateway.close(() => r()));
    }
    const stored = await db.outboundMessage.findUniqueOrThrow({
      where: { id: m?.id },
      include: { communication: true },
    });
    expect(stored).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: "webhook answered 400 Bad Request",
    });
    expect(stored.communication).toMatchObject({
      channel: "EMAIL",
      direction: "OUTBOUND",
      outcome: "FAILED",
    });
  });
});
