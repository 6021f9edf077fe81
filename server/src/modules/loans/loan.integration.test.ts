import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const LOAN_QUERY = `query Loan($id: ID!) {
  loan(id: $id) {
    id externalKey productType principal interestRate termMonths openedOn currentDpd bucket
    borrower { fullName contactRestrictions }
    portfolio { name asOfDate }
  }
}`;

describe("loan(id) over GraphQL", () => {
  let app: TestApp;
  let w: World;
  let agentToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    agentToken = await login(app, w.agentA.email, PASSWORD);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("refuses a request without a token with 401 UNAUTHENTICATED", async () => {
    const res = await gql(app, LOAN_QUERY, { id: w.loanA1.id });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(res.body.data ?? null).toBeNull();
  });

  it("refuses a forged or malformed token", async () => {
    const forged = `${agentToken.slice(0, -4)}AAAA`;
    for (const token of [forged, "not-a-jwt"]) {
      const res = await gql(app, LOAN_QUERY, { id: w.loanA1.id }, token);
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.message).toMatch(/Invalid token/);
    }
  });

  it("returns the agent's own loan with its borrower and portfolio", async () => {
    const res = await gql(app, LOAN_QUERY, { id: w.loanA1.id }, agentToken);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.loan).toEqual({
      id: w.loanA1.id,
      externalKey: `L1-${w.tag}`,
      productType: "INSTALMENT",
      principal: "10000.50",
      interestRate: "12.5",
      termMonths: 36,
      openedOn: "2024-01-15",
      currentDpd: 35,
      bucket: "DPD_30_59",
      borrower: { fullName: "Borrower L1", contactRestrictions: [] },
      portfolio: { name: `P-${w.tag}`, asOfDate: "2025-06-30" },
    });
  });

  it("hides another agent's loan as NOT_FOUND", async () => {
    const res = await gql(app, LOAN_QUERY, { id: w.loanB.id }, agentToken);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(res.body.data).toBeNull();
  });

  it("rejects a malformed id as BAD_USER_INPUT naming the id", async () => {
    const res = await gql(app, LOAN_QUERY, { id: "12; drop table" }, agentToken);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0]?.message).toContain("12; drop table");
  });

  it("lists only the loans each role may see", async () => {
    const query =
      "query { loans(first: 200) { total: totalCount items: nodes { id borrower { fullName } } } }";
    const visibleIds = async (email: string) => {
      const res = await gql(app, query, {}, await login(app, email, PASSWORD));
      const page = res.body.data?.loans as { total: number; items: { id: string }[] };
      return page.items.map((l) => l.id);
    };
    expect((await visibleIds(w.agentA.email)).sort()).toEqual([w.loanA1.id, w.loanA2.id].sort());
    expect(await visibleIds(w.agentB.email)).toEqual([w.loanB.id]);
    expect((await visibleIds(w.supervisorA.email)).sort()).toEqual([w.loanA1.id, w.loanA2.id].sort());
    const managerSees = await visibleIds(w.manager.email);
    expect(managerSees).toEqual(expect.arrayContaining([w.loanA1.id, w.loanA2.id, w.loanB.id]));
  });

  it("shows contact restrictions of a do-not-contact borrower to a manager", async () => {
    const token = await login(app, w.manager.email, PASSWORD);
    const res = await gql(app, LOAN_QUERY, { id: w.loanB.id }, token);
    expect(res.body.data).toMatchObject({ loan: { borrower: { contactRestrictions: ["DO_NOT_CONTACT"] } } });
  });

  it("rejects a page size over the limit with a message saying the limit", async () => {
    const res = await gql(app, "query { loans(first: 5000) { totalCount } }", {}, agentToken);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0]?.message).toMatch(/between 1 and 200/);
  });

  it("shows a loan's latest score with its reasons and its active recommendation, and null before scoring", async () => {
    const db = app.services.db;
    const model = await db.modelVersion.create({
      data: { version: `test-${w.tag}`, algorithm: "lightgbm", card: {} },
    });
    try {
      const reason = {
        feature: "late_ratio_6",
        direction: "RAISES_RISK",
        effect: 0.8,
        value: 0.5,
        sentence: "3 of the last 6 instalments paid late",
      };
      const score = (asOfDate: string, probability: number, scoredAt: string) =>
        db.riskScore.create({
          data: {
            loanId: w.loanA1.id,
            modelVersionId: model.id,
            probability,
            tier: probability > 0.5 ? "HIGH" : "LOW",
            bucket: "DPD_30_59",
            dpd: 35,
            asOfDate: new Date(`${asOfDate}T00:00:00Z`),
            reasons: [reason],
            features: {},
            scoredAt: new Date(scoredAt),
          },
        });
      await score("2025-05-31", 0.2, "2025-06-01T02:00:00Z");
      const latest = await score("2025-06-30", 0.62, "2025-07-01T02:00:00Z");
      await db.recommendation.create({
        data: {
          loanId: w.loanA1.id,
          riskScoreId: latest.id,
          policyVersion: "3",
          actionType: "CALL",
          channel: "CALL",
          priority: 2,
          dueAt: new Date("2025-07-01T09:00:00Z"),
          rationale: "High risk (PD 62%), 30-59 days past due: call the borrower.",
          status: "ACTIVE",
        },
      });
      await db.recommendation.create({
        data: {
          loanId: w.loanA1.id,
          actionType: "SMS_REMINDER",
          channel: "SMS",
          priority: 4,
          dueAt: new Date("2025-06-01T09:00:00Z"),
          rationale: "an earlier one",
          status: "SUPERSEDED",
        },
      });
      const query = `{ loans(first: 10) { items: nodes { externalKey
        latestScore { probability tier bucket daysPastDue asOfDate modelVersion scoredAt
          reasons { feature direction effect value sentence } }
        recommendation { actionType channel priority dueAt rationale policyVersion } } } }`;
      const res = await gql(app, query, {}, agentToken);
      expect(res.body.errors).toBeUndefined();
      const items = (res.body.data?.loans as { items: Record<string, unknown>[] } | undefined)?.items ?? [];
      const a1 = items.find((l) => l.externalKey === `L1-${w.tag}`);
      expect(a1?.latestScore).toEqual({
        probability: 0.62,
        tier: "HIGH",
        bucket: "DPD_30_59",
        daysPastDue: 35,
        asOfDate: "2025-06-30",
        modelVersion: `test-${w.tag}`,
        scoredAt: "2025-07-01T02:00:00.000Z",
        reasons: [reason],
      });
      expect(a1?.recommendation).toEqual({
        actionType: "CALL",
        channel: "CALL",
        priority: 2,
        dueAt: "2025-07-01T09:00:00.000Z",
        rationale: "High risk (PD 62%), 30-59 days past due: call the borrower.",
        policyVersion: "3",
      });
      const a2 = items.find((l) => l.externalKey === `L2-${w.tag}`);
      expect(a2).toMatchObject({ latestScore: null, recommendation: null });
    } finally {
      await db.riskScore.deleteMany({ where: { modelVersionId: model.id } });
      await db.recommendation.deleteMany({ where: { loanId: w.loanA1.id } });
      await db.modelVersion.delete({ where: { id: model.id } });
    }
  });
});
