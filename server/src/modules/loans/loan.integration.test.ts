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
    const query = "query { loans(take: 200) { total items { id borrower { fullName } } } }";
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
    const res = await gql(app, "query { loans(take: 5000) { total } }", {}, agentToken);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0]?.message).toMatch(/between 1 and 200/);
  });
});
