import { randomUUID } from "node:crypto";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import WebSocket from "ws";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { waitForSubscription } from "../../../test/subscriptions.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { Topic, type Topics } from "../../core/pubsub/pubsub.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { rescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";

const RESCORE = `mutation($loanId: ID!, $key: String!) {
  rescoreLoan(loanId: $loanId, idempotencyKey: $key) {
    id
    latestScore { tier probability }
    recommendation { id loanId actionType channel
      contactRule { allowed rule rules reason nextAllowedAt permanent borrowerTimeZone } }
  }
}`;

// Every test file's events share one database channel: on a busy 2-core machine another file's burst can hold
// up delivery for seconds. The wait ends as soon as the event arrives; the deadline only bounds a real loss.
async function until(what: string, probe: () => boolean) {
  await vi.waitFor(
    () => {
      if (!probe()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeout: 30_000, interval: 20 },
  );
}

describe("rescoreLoan and the live events of rescoring", () => {
  let app: TestApp;
  let w: World;
  const tokens: Record<string, string> = {};
  const sockets: { dispose: () => Promise<void> | void }[] = [];

  /** A WebSocket subscription as `who`, collecting what it receives. */
  const subscribe = async (who: string, query: string, topic: keyof Topics) => {
    const before = app.services.pubsub.subscriptions(topic);
    const client = createClient({
      url: `${app.baseUrl.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${tokens[who]}` },
    });
    sockets.push(client);
    const received: Record<string, unknown>[] = [];
    const ready = new Promise<void>((resolve) => client.on("connected", () => resolve()));
    client.subscribe(
      { query },
      {
        next: (v) => received.push(v as Record<string, unknown>),
        error: (e) => received.push({ error: e }),
        complete: () => {},
      },
    );
    await ready;
    await waitForSubscription(app, topic, before);
    return received;
  };

  /**
   * Shows that nothing more is on its way to `listeners`: publishes, in this process, one event each of them
   * must hear (`payloads`, one per audience), waits until each has, and takes it off. Events of one
   * subscription arrive in order, so anything published before it that a listener has not heard, it never will.
   */
  const fence = async <K extends keyof Topics>(
    topic: K,
    payloads: Topics[K][0][],
    listeners: Record<string, unknown>[][],
  ) => {
    const counts = listeners.map((l) => l.length);
    for (const payload of payloads) app.services.pubsub.publish(topic, ...([payload] as Topics[K]));
    await until("every listener to hear the fence event", () =>
      listeners.every((l, i) => l.length > (counts[i] as number)),
    );
    for (const l of listeners) l.pop();
  };

  beforeAll(async () => {
    app = await startTestApp(inject("servedModelDir"));
    w = await createWorld(app.services.db);
    for (const [who, email] of Object.entries({
      agentA: w.agentA.email,
      agentB: w.agentB.email,
      supervisorA: w.supervisorA.email,
      manager: w.manager.email,
    }))
      tokens[who] = await login(app, email, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) await s.dispose();
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("rescores one loan for its agent, tells who may see the loan at once, and a retry changes nothing", async () => {
    const query = "subscription { recommendationCreated { id loanId actionType } }";
    const heard = {
      agentA: await subscribe("agentA", query, "RECOMMENDATION_CREATED"),
      agentB: await subscribe("agentB", query, "RECOMMENDATION_CREATED"),
      supervisorA: await subscribe("supervisorA", query, "RECOMMENDATION_CREATED"),
      manager: await subscribe("manager", query, "RECOMMENDATION_CREATED"),
    };
    const key = randomUUID();
    const res = await gql(app, RESCORE, { loanId: w.loanA1.id, key }, tokens.agentA);
    expect(res.body.errors).toBeUndefined();
    const loan = res.body.data?.rescoreLoan as {
      id: string;
      latestScore: { tier: string } | null;
      recommendation: { id: string; loanId: string; actionType: string } | null;
    };
    expect(loan.id).toBe(w.loanA1.id);
    expect(loan.latestScore?.tier).toMatch(/^(LOW|MEDIUM|HIGH|CRITICAL)$/);
    expect(loan.recommendation?.loanId).toBe(w.loanA1.id);
    const rec = loan.recommendation as { id: string; actionType: string };

    await until("the loan's agent, supervisor and a manager to hear of it", () =>
      [heard.agentA, heard.supervisorA, heard.manager].every((h) => h.length > 0),
    );
    // What must NOT arrive (agent B's copy, a second event) would have before a later one. Agent B's fence
    // names them as the loan's agent: the filter lets it through and the re-read refuses it (NOT_FOUND),
    // which is still an event on their socket.
    const seenBy = (agent: World["agentA"], team: World["teamA"]) => ({
      recommendationId: rec.id,
      loanId: w.loanA1.id,
      assigneeId: agent.id,
      teamId: team.id,
    });
    await fence(
      Topic.RECOMMENDATION_CREATED,
      [seenBy(w.agentA, w.teamA)],
      [heard.agentA, heard.supervisorA, heard.manager],
    );
    // (Managers see every loan: they hear it too.)
    await fence(Topic.RECOMMENDATION_CREATED, [seenBy(w.agentB, w.teamB)], [heard.agentB, heard.manager]);
    const event = {
      data: { recommendationCreated: { id: rec.id, loanId: w.loanA1.id, actionType: rec.actionType } },
    };
    expect(heard.agentA).toEqual([event]);
    expect(heard.supervisorA).toEqual([event]);
    expect(heard.manager).toEqual([event]);
    expect(heard.agentB).toEqual([]);

    // The same key again: the first answer, no second run, no second event.
    const again = await gql(app, RESCORE, { loanId: w.loanA1.id, key }, tokens.agentA);
    expect(again.body.data?.rescoreLoan).toEqual(loan);
    await fence(
      Topic.RECOMMENDATION_CREATED,
      [seenBy(w.agentA, w.teamA)],
      [heard.agentA, heard.supervisorA, heard.manager],
    );
    expect(heard.agentA).toHaveLength(1);
    expect(await app.services.db.recommendation.count({ where: { loanId: w.loanA1.id } })).toBe(1);
    const audited = await app.services.db.auditLog.findMany({
      where: { entityType: "Loan", entityId: w.loanA1.id, action: { contains: "rescoreLoan" } },
    });
    expect(audited.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("answers NOT_FOUND for a loan the caller may not see, and names a malformed id", async () => {
    const hidden = await gql(app, RESCORE, { loanId: w.loanA1.id, key: randomUUID() }, tokens.agentB);
    expect(hidden.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const bad = await gql(app, RESCORE, { loanId: "nope", key: randomUUID() }, tokens.manager);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(bad.body.errors)).toContain("loanId must be a loan id");
  });

  it("keeps the contact rules' verdict on the recommendation as data", async () => {
    // Nobody may contact a deceased borrower: whatever the policy wanted, a manager decides, for good.
    await app.services.db.borrower.update({
      where: { id: w.loanB.borrowerId },
      data: { deceasedFlag: true },
    });
    const res = await gql(app, RESCORE, { loanId: w.loanB.id, key: randomUUID() }, tokens.manager);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as { rescoreLoan: { recommendation: Record<string, unknown> } };
    const rec = data.rescoreLoan.recommendation;
    expect(rec.actionType).toBe("ESCALATE_TO_RECOVERY_MANAGER");
    expect(rec.contactRule).toEqual({
      allowed: false,
      rule: "DECEASED",
      rules: ["DECEASED"],
      reason: "No collection contact allowed: the borrower is deceased",
      nextAllowedAt: null,
      permanent: true,
      borrowerTimeZone: expect.any(String),
    });
  });

  it("tells each subscriber once per batch run what changed in their scope", async () => {
    const query =
      "subscription { rescoringCompleted { runId portfolioId loansRescored recommendationsCreated tasksAssigned succeeded } }";
    const heard = {
      agentA: await subscribe("agentA", query, "RESCORING_COMPLETED"),
      supervisorA: await subscribe("supervisorA", query, "RESCORING_COMPLETED"),
      manager: await subscribe("manager", query, "RESCORING_COMPLETED"),
    };
    const deps = await rescoreDeps(app.services);
    const portfolio = (await new LoanHistoryRepository(app.services.pool).portfolioOfLoan(
      w.loanA2.id,
    )) as PortfolioRef;
    const summary = await rescorePortfolio({ ...(deps as NonNullable<typeof deps>), threads: 0 }, portfolio);
    expect(summary.loans).toBe(3);
    await until("every audience to hear of the run", () => Object.values(heard).every((h) => h.length > 0));
    // A second event per audience would have come before one published after the run.
    const audience = {
      runId: "fence",
      portfolioId: portfolio.id,
      loansRescored: null,
      recommendationsCreated: 0,
    };
    const fenceRun = {
      ...audience,
      tasksAssigned: 0,
      escalationsCreated: 0,
      finishedAt: new Date().toISOString(),
      succeeded: true,
    };
    await fence(
      Topic.RESCORING_COMPLETED,
      [
        { ...fenceRun, userId: w.agentA.id, teamId: null },
        { ...fenceRun, userId: null, teamId: w.teamA.id },
        { ...fenceRun, userId: null, teamId: null },
      ],
      [heard.agentA, heard.supervisorA, heard.manager],
    );
    const run = (h: Record<string, unknown>[]) =>
      ((h[0] as Record<string, unknown>).data as { rescoringCompleted: Record<string, unknown> })
        .rescoringCompleted;
    for (const h of Object.values(heard)) expect(h).toHaveLength(1);
    // loanA1 and loanB were rescored above: the run makes loanA2's recommendation only (team A, agent A).
    expect(summary.recommendationsCreated).toBe(1);
    expect(run(heard.manager)).toMatchObject({
      portfolioId: portfolio.id,
      loansRescored: 3,
      recommendationsCreated: 1,
      succeeded: true,
    });
    expect(run(heard.supervisorA)).toMatchObject({ loansRescored: null, recommendationsCreated: 1 });
    expect(run(heard.agentA)).toMatchObject({ loansRescored: null, recommendationsCreated: 1 });
    expect(new Set(Object.values(heard).map((h) => run(h).runId)).size).toBe(1);
  }, 120_000);
});
