import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { planPortfolio } from "../../../../seeds/src/synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../../../../seeds/src/synthetic/writer.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import type { RescoringCompletedEvent } from "../../core/pubsub/pubsub.js";
import { Topic } from "../../core/pubsub/pubsub.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "../features/promise-status.js";
import { DEFAULT_POLICY, type Policy } from "../recommendations/policy.js";
import { ModelRegistry } from "../scoring/model-registry.js";
import { rescorePortfolio } from "../scoring/rescore-portfolio.js";
import { ScoringService } from "../scoring/scoring.service.js";

const QUEUE = `query Q($after: String) { escalations(first: 100, after: $after, status: OPEN) {
  items: nodes { id reason takenBy { id } escalatedBy { id } loan { id } } pageInfo { endCursor hasNextPage } } }`;

type QueueItem = { id: string; reason: string; takenBy: unknown; escalatedBy: unknown; loan: { id: string } };

// Every case goes to a recovery manager: what a policy does for suppressed or charged-off borrowers.
const ESCALATE_ALL: Policy = {
  ...DEFAULT_POLICY,
  version: 77,
  rules: DEFAULT_POLICY.rules.map((r) => ({ ...r, action: "ESCALATE_TO_RECOVERY_MANAGER", channels: [] })),
};

describe("escalations are made one way by the synthetic generator and by rescoring", () => {
  let app: TestApp;
  let w: World;
  let portfolio: PortfolioRef;
  const name = `Escalation synthetic ${Date.now()}`;

  const escalationsOf = (portfolioId: string) =>
    app.services.db.task.findMany({
      where: { actionType: "ESCALATE_TO_RECOVERY_MANAGER", loan: { portfolioId } },
    });

  /** Every waiting escalation in the managers' queue, page by page. */
  const managersQueue = async () => {
    const token = await login(app, w.manager.email, PASSWORD);
    const items: QueueItem[] = [];
    let after: string | null = null;
    for (let i = 0; i < 500; i++) {
      const res = await gql(app, QUEUE, { after }, token);
      const page = res.body.data?.escalations as {
        items: QueueItem[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
      items.push(...page.items);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return items;
  };

  const models = new ModelRegistry(inject("servedModelDir"));
  const rescore = (policy: Policy, at: string) =>
    rescorePortfolio(
      {
        pool: app.services.pool,
        histories: new LoanHistoryRepository(app.services.pool),
        scoring: new ScoringService(models),
        card: models.card() as NonNullable<ReturnType<typeof models.card>>,
        policy,
        promiseRule: DEFAULT_PROMISE_RULE,
        pubsub: app.services.pubsub,
      },
      portfolio,
      new Date(at),
    );

  beforeAll(async () => {
    await models.load();
    app = await startTestApp();
    w = await createWorld(app.services.db);
    await writeSyntheticPortfolio({
      pool: app.services.pool,
      plan: planPortfolio({ loans: 800, seed: 23, asOf: "2026-10-31" }),
      portfolioName: name,
      concurrency: 1,
    });
    portfolio = (await new LoanHistoryRepository(app.services.pool).portfolio(name)) as PortfolioRef;
  });
  // The cascade from a portfolio takes minutes here: Payment."reversesPaymentId" and
  // PromiseToPay."communicationId" have no index, so each deleted payment or contact scans those tables.
  afterAll(async () => {
    await app.services.db.portfolio.deleteMany({ where: { name } });
    await destroyWorld(app.services.db, w);
    await app.close();
  }, 300_000);

  it("the generator's escalations wait unassigned in the queue, kept with the loan's team", async () => {
    const made = await escalationsOf(portfolio.id);
    expect(made.length).toBeGreaterThan(0);
    for (const e of made) {
      expect(e).toMatchObject({
        assigneeId: null,
        status: "OPEN",
        escalationReason: "RECOMMENDED",
        escalatedById: null,
      });
      expect(e.teamId).not.toBeNull();
    }
    const queued = new Set((await managersQueue()).map((i) => i.id));
    for (const e of made) expect(queued.has(e.id)).toBe(true);
  });

  it("rescoring's escalation replaces the agent's unstarted task and lands in the managers' queue unassigned", async () => {
    const db = app.services.db;
    const open = await db.task.findMany({
      where: {
        loan: { portfolioId: portfolio.id },
        status: "OPEN",
        actionType: { not: "ESCALATE_TO_RECOVERY_MANAGER" },
      },
      include: { assignee: true },
      take: 2,
    });
    expect(open).toHaveLength(2);
    const [unstarted, started] = open as [(typeof open)[number], (typeof open)[number]];
    await db.task.update({
      where: { id: started.id },
      data: { status: "IN_PROGRESS", startedAt: new Date() },
    });

    // A batch run tells each audience once, at its end, how much it changed (not one event per escalation).
    const events: RescoringCompletedEvent[] = [];
    void (async () => {
      for await (const e of app.services.pubsub.subscribe(Topic.RESCORING_COMPLETED)) events.push(e);
    })();
    const summary = await rescore(ESCALATE_ALL, "2026-11-02T10:00:00Z");
    expect(summary.tasksCreated).toBeGreaterThan(0);

    expect(await db.task.findUniqueOrThrow({ where: { id: unstarted.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "ESCALATED",
      assigneeId: unstarted.assigneeId,
    });
    const escalation = await db.task.findFirstOrThrow({
      where: { loanId: unstarted.loanId, status: "OPEN" },
    });
    expect(escalation).toMatchObject({
      actionType: "ESCALATE_TO_RECOVERY_MANAGER",
      assigneeId: null,
      teamId: unstarted.teamId ?? unstarted.assignee?.teamId,
      escalationReason: "RECOMMENDED",
    });
    expect(escalation.recommendationId).not.toBeNull();
    // Started work is never rewritten: that loan waits until its agent finishes.
    expect(await db.task.findUniqueOrThrow({ where: { id: started.id } })).toMatchObject({
      status: "IN_PROGRESS",
      actionType: started.actionType,
    });
    expect(
      await db.task.count({
        where: { loanId: started.loanId, actionType: "ESCALATE_TO_RECOVERY_MANAGER", status: "OPEN" },
      }),
    ).toBe(0);

    // Delivered after the run returns: wait for the team's event, published after the whole run's.
    await vi.waitFor(
      () =>
        expect(
          events.map((e) => e.teamId),
          "the team's rescoringCompleted event",
        ).toContain(escalation.teamId),
      { timeout: 10_000 },
    );
    const whole = events.find((e) => e.userId === null && e.teamId === null);
    expect(whole?.escalationsCreated).toBeGreaterThan(0);
    const team = events.find((e) => e.teamId === escalation.teamId);
    expect(team?.escalationsCreated).toBeGreaterThan(0);
    const queued = (await managersQueue()).find((i) => i.id === escalation.id);
    expect(queued).toEqual({
      id: escalation.id,
      reason: "RECOMMENDED",
      takenBy: null,
      escalatedBy: null,
      loan: { id: unstarted.loanId },
    });

    // A second run escalates nothing again: every escalation is still waiting for a manager.
    const again = await rescore(ESCALATE_ALL, "2026-11-02T10:00:00Z");
    expect(again.tasksCreated).toBe(0);
    expect(
      await db.task.count({ where: { loanId: unstarted.loanId, status: { in: ["OPEN", "IN_PROGRESS"] } } }),
    ).toBe(1);
  });

  it("withdraws the system's untaken escalation when the recommendation no longer escalates, never a person's", async () => {
    const db = app.services.db;
    const waiting = await db.task.findMany({
      where: {
        loan: { portfolioId: portfolio.id },
        status: "OPEN",
        actionType: "ESCALATE_TO_RECOVERY_MANAGER",
      },
      take: 2,
    });
    const [mine, system] = waiting as [(typeof waiting)[number], (typeof waiting)[number]];
    // A manager escalates one loan by hand (its system escalation set aside first).
    await db.task.update({
      where: { id: mine.id },
      data: { status: "CANCELLED", cancelReason: "DUPLICATE" },
    });
    const token = await login(app, w.manager.email, PASSWORD);
    const byHand = await gql(
      app,
      `mutation($i: EscalateCaseInput!) { escalateCase(input: $i) { id } }`,
      { i: { loanId: mine.loanId, reason: "FRAUD_SUSPECTED", idempotencyKey: randomUUID() } },
      token,
    );
    const personal = (byHand.body.data?.escalateCase as { id: string } | undefined)?.id as string;
    expect(personal).toBeDefined();

    const callAll: Policy = {
      ...DEFAULT_POLICY,
      version: 78,
      rules: DEFAULT_POLICY.rules.map((r) => ({ ...r, action: "CALL", channels: ["CALL"] })),
    };
    // Room for every loan's call: who gets the work must not depend on what other test files left agents with.
    await db.user.update({ where: { id: w.agentA.id }, data: { capacity: 100_000 } });
    const s = await rescore(callAll, "2026-11-03T10:00:00Z");
    expect(s.tasksCancelled).toBeGreaterThan(0);
    expect(await db.task.findUniqueOrThrow({ where: { id: personal } })).toMatchObject({ status: "OPEN" });
    // Where the loan's recommendation no longer escalates, its system escalation is gone and an agent has the work.
    const stale = await app.services.pool.query(
      `SELECT count(*)::int AS n FROM "Task" t JOIN "Loan" l ON l.id = t."loanId"
       JOIN "Recommendation" r ON r."loanId" = t."loanId" AND r.status = 'ACTIVE'
       WHERE l."portfolioId" = $1 AND t.status = 'OPEN' AND t."actionType" = 'ESCALATE_TO_RECOVERY_MANAGER'
         AND t."escalatedById" IS NULL AND r."actionType" <> 'ESCALATE_TO_RECOVERY_MANAGER'`,
      [portfolio.id],
    );
    expect(stale.rows[0].n).toBe(0);
    const systemNow = await db.task.findUniqueOrThrow({ where: { id: system.id } });
    const rec = await db.recommendation.findFirstOrThrow({
      where: { loanId: system.loanId, status: "ACTIVE" },
    });
    if (rec.actionType === "CALL") {
      expect(systemNow).toMatchObject({ status: "CANCELLED", cancelReason: "RECOMMENDATION_CHANGED" });
      const next = await db.task.findFirstOrThrow({ where: { loanId: system.loanId, status: "OPEN" } });
      expect(next).toMatchObject({ actionType: "CALL", recommendationId: rec.id });
      expect(next.assigneeId).not.toBeNull();
    } else {
      // The contact rules kept this borrower with a manager: the escalation follows the new recommendation.
      expect(systemNow).toMatchObject({ status: "OPEN", recommendationId: rec.id });
    }
  });
});
