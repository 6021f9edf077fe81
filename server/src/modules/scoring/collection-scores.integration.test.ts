import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { planPortfolio } from "../../../../seeds/src/synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../../../../seeds/src/synthetic/writer.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { amountOverdueCents } from "../features/collection-outcomes.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { rescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";

const WORKLIST = `query W($after: String) { myWorklist(first: 7, after: $after) {
  edges { cursor node { task { id priority } loan { id }
    propensityToPay { probability overdueAmount expectedRecovery modelVersion reasons { feature direction sentence } } } }
  pageInfo { hasNextPage endCursor } totalCount } }`;
const LOG = `mutation Log($input: LogPromiseInput!) {
  logPromiseToPay(input: $input) { id keptProbability keptReasons { feature direction sentence } } }`;

type Item = {
  task: { id: string; priority: number };
  loan: { id: string };
  propensityToPay: { probability: number; overdueAmount: string; expectedRecovery: string } | null;
};

describe("collection scores: propensity to pay in rescoring and the worklist, promise kept when logged", () => {
  let app: TestApp;
  let w: World;
  let portfolio: PortfolioRef;
  let summary: Awaited<ReturnType<typeof rescorePortfolio>>;
  const name = `Collection scores ${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    app = await startTestApp(inject("servedModelDir"), {
      collectionModelsDir: inject("collectionModelsDir"),
    });
    w = await createWorld(app.services.db);
    await writeSyntheticPortfolio({
      pool: app.services.pool,
      plan: planPortfolio({ loans: 1200, seed: 31 }),
      portfolioName: name,
    });
    const found = await new LoanHistoryRepository(app.services.pool).portfolio(name);
    if (!found) throw new Error("the synthetic portfolio was not written");
    portfolio = found;
    const deps = await rescoreDeps(app.services);
    if (!deps) throw new Error("no model loaded");
    summary = await rescorePortfolio(deps, portfolio, new Date("2026-11-01T10:00:00Z"));
    // The portfolio's open work goes to one agent the test can sign in as.
    await app.services.pool.query(
      `UPDATE "Task" t SET "assigneeId" = $1, "teamId" = $2 FROM "Loan" l
        WHERE l.id = t."loanId" AND l."portfolioId" = $3 AND t.status IN ('OPEN', 'IN_PROGRESS')`,
      [w.agentA.id, w.teamA.id, portfolio.id],
    );
  }, 180_000);

  afterAll(async () => {
    await app.services.pool.query(`DELETE FROM "Portfolio" WHERE id = $1`, [portfolio.id]);
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("gives every past-due loan a propensity to pay, and the amount it is expected to recover", async () => {
    const stored = await app.services.pool.query<{
      loan_id: string;
      p: number;
      overdue: string;
      expected: string;
      dpd: number;
      reasons: { feature: string }[];
      features: Record<string, number | null>;
      kind: string;
    }>(
      `SELECT ps."loanId" AS loan_id, ps.probability AS p, ps."overdueAmount"::text AS overdue,
              ps."expectedRecovery"::text AS expected, l."currentDpd" AS dpd, ps.reasons, ps.features, mv.kind::text
         FROM "PropensityScore" ps JOIN "Loan" l ON l.id = ps."loanId" JOIN "ModelVersion" mv ON mv.id = ps."modelVersionId"
        WHERE l."portfolioId" = $1`,
      [portfolio.id],
    );
    const pastDue = await app.services.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Loan" WHERE "portfolioId" = $1 AND "currentDpd" > 0`,
      [portfolio.id],
    );
    expect(stored.rows.length).toBeGreaterThan(30);
    expect(summary.propensityScoresWritten).toBe(stored.rows.length);
    // Every past-due loan with something overdue, and no other loan.
    expect(stored.rows.length).toBeLessThanOrEqual(pastDue.rows[0]?.n ?? 0);
    expect(stored.rows.length).toBeGreaterThan((pastDue.rows[0]?.n ?? 0) * 0.9);
    const histories = new LoanHistoryRepository(app.services.pool);
    for (const r of stored.rows.slice(0, 40)) {
      expect(r.kind).toBe("PROPENSITY_TO_PAY");
      expect(r.dpd).toBeGreaterThan(0);
      expect(r.p).toBeGreaterThan(0);
      expect(r.p).toBeLessThan(1);
      const loan = await histories.findOne(r.loan_id);
      const overdue = amountOverdueCents(loan?.history ?? { schedule: [], payments: [] }, portfolio.asOfDate);
      expect(Math.round(Number(r.overdue) * 100)).toBe(overdue);
      expect(Number(r.expected)).toBeCloseTo(Math.round(Number(r.overdue) * r.p * 100) / 100, 2);
      expect(r.features.overdue_amount).toBe(overdue / 100);
      expect(r.reasons.length).toBeGreaterThan(0);
    }
    // A re-run with the same model and data writes nothing new.
    const deps = await rescoreDeps(app.services);
    if (!deps) throw new Error("no model loaded");
    const again = await rescorePortfolio(deps, portfolio, new Date("2026-11-01T11:00:00Z"));
    expect(again.propensityScoresWritten).toBe(0);
  });

  it("orders the worklist by priority, then by expected recovery, page after page", async () => {
    const token = await login(app, w.agentA.email, PASSWORD);
    const items: Item[] = [];
    let after: string | null = null;
    for (let page = 0; page < 40; page++) {
      const res = await gql(app, WORKLIST, { after }, token);
      expect(res.body.errors).toBeUndefined();
      const list = res.body.data?.myWorklist as {
        edges: { cursor: string; node: Item }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      items.push(...list.edges.map((e) => e.node));
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
    }
    expect(new Set(items.map((i) => i.task.id)).size).toBe(items.length);
    const scored = items.filter((i) => i.propensityToPay);
    expect(scored.length).toBeGreaterThan(5);
    // The world's own two loans were never scored for propensity: last within their priority.
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1] as Item;
      const b = items[i] as Item;
      expect(a.task.priority).toBeLessThanOrEqual(b.task.priority);
      if (a.task.priority !== b.task.priority) continue;
      const ra = a.propensityToPay ? Number(a.propensityToPay.expectedRecovery) : -1;
      const rb = b.propensityToPay ? Number(b.propensityToPay.expectedRecovery) : -1;
      expect(ra).toBeGreaterThanOrEqual(rb);
    }
  });

  it("scores a promise as it is logged, with its reasons, once however often the call is retried", async () => {
    const loan = await app.services.pool.query<{ id: string; balance: string }>(
      `SELECT l.id, l."outstandingBalance"::text AS balance FROM "Loan" l JOIN "Task" t ON t."loanId" = l.id
        WHERE l."portfolioId" = $1 AND l."currentDpd" > 0 AND t."assigneeId" = $2 AND t.status = 'OPEN'
        ORDER BY l.id LIMIT 1`,
      [portfolio.id, w.agentA.id],
    );
    const target = loan.rows[0];
    if (!target) throw new Error("no past-due loan with an open task");
    const token = await login(app, w.agentA.email, PASSWORD);
    const input = {
      loanId: target.id,
      amount: Math.min(50, Number(target.balance)).toFixed(2),
      promisedDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      idempotencyKey: randomUUID(),
    };
    const first = await gql(app, LOG, { input }, token);
    expect(first.body.errors).toBeUndefined();
    const promise = first.body.data?.logPromiseToPay as {
      id: string;
      keptProbability: number;
      keptReasons: { direction: string; sentence: string }[];
    };
    expect(promise.keptProbability).toBeGreaterThan(0);
    expect(promise.keptProbability).toBeLessThan(1);
    expect(promise.keptReasons.length).toBeGreaterThan(0);
    expect(["RAISES_CHANCE", "LOWERS_CHANCE"]).toContain(promise.keptReasons[0]?.direction);
    const row = await app.services.pool.query<{ p: number; kind: string }>(
      `SELECT p."keptProbability" AS p, mv.kind::text FROM "PromiseToPay" p
         JOIN "ModelVersion" mv ON mv.id = p."keptModelVersionId" WHERE p.id = $1`,
      [promise.id],
    );
    expect(row.rows[0]).toEqual({ p: promise.keptProbability, kind: "PROMISE_KEPT" });
    const retried = await gql(app, LOG, { input }, token);
    expect(retried.body.data?.logPromiseToPay).toMatchObject({
      id: promise.id,
      keptProbability: promise.keptProbability,
    });
  });

  it("answers /predict on a posted history with the propensity to pay of a past-due loan", async () => {
    interface Answer {
      tier: string;
      probabilityOfDefault: number;
      reasons: unknown[];
      recommendedAction: { rationale: string };
      propensityToPay: { probability: number; reasons: { sentence: string }[] } | null;
    }
    const histories = new LoanHistoryRepository(app.services.pool);
    const ids = await app.services.pool.query<{ id: string; dpd: number }>(
      `(SELECT id, "currentDpd" AS dpd FROM "Loan" WHERE "portfolioId" = $1 AND "currentDpd" BETWEEN 5 AND 80 ORDER BY id LIMIT 1)
       UNION ALL (SELECT id, "currentDpd" FROM "Loan" WHERE "portfolioId" = $1 AND "currentDpd" = 0 AND status = 'ACTIVE' ORDER BY id LIMIT 1)
       UNION ALL (SELECT id, "currentDpd" FROM "Loan" WHERE "portfolioId" = $1 AND "currentDpd" >= 90 AND "outstandingBalance" > 0 ORDER BY id LIMIT 1)`,
      [portfolio.id],
    );
    const created = await app.services.apiKeys.create(`collection-scores-${Date.now()}`, 0);
    try {
      const answers = [];
      for (const { id } of ids.rows) {
        const history = (await histories.findOne(id))?.history;
        if (!history) throw new Error(`loan ${id} not found`);
        // Posted back exactly as stored (years in employment are decimal text there).
        const res = await fetch(`${app.baseUrl}/predict`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": created.key },
          body: JSON.stringify({ history }),
        });
        expect(res.status).toBe(200);
        answers.push((await res.json()) as Answer);
      }
      expect(ids.rows).toHaveLength(3);
      const [pastDue, current, inDefault] = answers;
      expect(pastDue?.propensityToPay?.probability).toBeGreaterThan(0);
      expect(pastDue?.tier).not.toBe("IN_DEFAULT");
      expect(current?.propensityToPay).toBeNull();
      // A loan in default is worked on its chance to pay alone: PD 1, and the rationale's reasons are the
      // propensity's.
      expect(inDefault).toMatchObject({ tier: "IN_DEFAULT", probabilityOfDefault: 1, reasons: [] });
      const pays = inDefault?.propensityToPay;
      if (!pays) throw new Error("the loan in default got no propensity to pay");
      expect(pays.reasons.length).toBeGreaterThan(0);
      expect(inDefault?.recommendedAction.rationale).toContain(
        `${Math.round(pays.probability * 100)}% likely to pay`,
      );
      expect(inDefault?.recommendedAction.rationale).toContain(pays.reasons[0]?.sentence);
    } finally {
      await app.services.db.auditLog.deleteMany({ where: { actorApiKeyId: created.record.id } });
      await app.services.db.apiKey.delete({ where: { id: created.record.id } });
    }
  });
});
