import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

/** A top-level field of a GraphQL answer (the test fails here when the answer has none). */
function answer(res: { body: { data?: Record<string, unknown> | null } }, field: string): unknown {
  const value = res.body.data?.[field];
  if (value === undefined || value === null)
    throw new Error(`the answer has no ${field}: ${JSON.stringify(res.body)}`);
  return value;
}

const BORROWER = `query Borrower($id: ID!, $first: Int!, $after: String) {
  borrower(id: $id) {
    id externalKey fullName email phone timeZone addressLine city country contactRestrictions
    contactFlags { doNotContact dispute bankruptcy deceased legalHold optedOutChannels }
    loans(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id externalKey } } }
    contacts(first: $first) { totalCount nodes { id loanId } }
    promises(first: $first) { totalCount nodes { id loanId } }
  }
}`;

const SEARCH = `query Search($query: String!, $first: Int) {
  searchBorrowers(query: $query, first: $first) { id externalKey fullName loans(first: 5) { nodes { id } } }
}`;

describe("borrower(id) and searchBorrowers", () => {
  let app: TestApp;
  let w: World;
  let token: Record<"agentA" | "agentB" | "supervisorA" | "manager", string>;
  // One borrower with three loans: two worked by agent A, one by agent B (another team).
  let shared: { id: string; loans: string[] };
  let referenceBorrowerId: string;
  let referencePortfolioId: string;
  const phoneDigits = String(randomInt(100_000_000, 999_999_999));

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.services.db;
    w = await createWorld(db);
    const borrower = await db.borrower.create({
      data: {
        portfolioId: w.portfolio.id,
        externalKey: `CUST-${w.tag}`,
        fullName: `Zeynep Ölmez-${w.tag}`,
        email: "z@example.test",
        phone: `+1 (${phoneDigits.slice(0, 3)}) ${phoneDigits.slice(3, 6)}-${phoneDigits.slice(6)}`,
        timeZone: "Europe/Istanbul",
        city: "Izmir",
        country: "TR",
        disputeFlag: true,
        contactOptOuts: ["SMS"],
      },
    });
    const loans: string[] = [];
    for (const [n, agent, team, dpd] of [
      [1, w.agentA.id, w.teamA.id, 10],
      [2, w.agentA.id, w.teamA.id, 40],
      [3, w.agentB.id, w.teamB.id, 70],
    ] as const) {
      const loan = await db.loan.create({
        data: {
          portfolioId: w.portfolio.id,
          borrowerId: borrower.id,
          externalKey: `ACC-${n}-${w.tag}`,
          productType: "INSTALMENT",
          currentDpd: dpd,
        },
      });
      await db.task.create({
        data: { loanId: loan.id, assigneeId: agent, teamId: team, actionType: "CALL", dueAt: new Date() },
      });
      loans.push(loan.id);
    }
    shared = { id: borrower.id, loans };
    for (let c = 0; c < 3; c++) {
      await db.communication.create({
        data: {
          borrowerId: borrower.id,
          loanId: loans[c],
          channel: "CALL",
          outcome: "NO_ANSWER",
          startedAt: new Date(Date.UTC(2025, 5, 1 + c)),
        },
      });
    }
    await db.promiseToPay.create({
      data: {
        loanId: loans[0] as string,
        borrowerId: borrower.id,
        amount: "20.00",
        promisedDate: new Date(),
      },
    });
    // A reference portfolio's borrower with the same kind of name, reference and phone, and a task of agent A.
    const reference = await db.portfolio.create({
      data: { name: `R-${w.tag}`, source: "test", kind: "REFERENCE", asOfDate: new Date("2025-06-30") },
    });
    referencePortfolioId = reference.id;
    const rb = await db.borrower.create({
      data: {
        portfolioId: reference.id,
        externalKey: `CUST-${w.tag}-REF`,
        fullName: `Zeynep Ölmez-${w.tag} (reference)`,
        phone: phoneDigits,
      },
    });
    referenceBorrowerId = rb.id;
    const rl = await db.loan.create({
      data: {
        portfolioId: reference.id,
        borrowerId: rb.id,
        externalKey: `ACC-1-${w.tag}-REF`,
        productType: "INSTALMENT",
      },
    });
    await db.task.create({
      data: {
        loanId: rl.id,
        assigneeId: w.agentA.id,
        teamId: w.teamA.id,
        actionType: "CALL",
        dueAt: new Date(),
      },
    });
    token = {
      agentA: await login(app, w.agentA.email, PASSWORD),
      agentB: await login(app, w.agentB.email, PASSWORD),
      supervisorA: await login(app, w.supervisorA.email, PASSWORD),
      manager: await login(app, w.manager.email, PASSWORD),
    };
  });
  afterAll(async () => {
    await app.services.db.portfolio.delete({ where: { id: referencePortfolioId } });
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  const borrower = (who: keyof typeof token, id: string, first = 10, after: string | null = null) =>
    gql(app, BORROWER, { id, first, after }, token[who]);
  const search = async (who: keyof typeof token, query: string, first = 20) => {
    const res = await gql(app, SEARCH, { query, first }, token[who]);
    expect(res.body.errors).toBeUndefined();
    return (answer(res, "searchBorrowers") as { id: string; loans: { nodes: { id: string }[] } }[]).map(
      (b) => b.id,
    );
  };

  it("shows the borrower's contact details, time zone and contact flags", async () => {
    const res = await borrower("agentA", shared.id);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.borrower).toMatchObject({
      externalKey: `CUST-${w.tag}`,
      email: "z@example.test",
      timeZone: "Europe/Istanbul",
      city: "Izmir",
      country: "TR",
      contactRestrictions: ["DISPUTE", "OPT_OUT_SMS"],
      contactFlags: {
        doNotContact: false,
        dispute: true,
        bankruptcy: false,
        deceased: false,
        legalHold: false,
        optedOutChannels: ["SMS"],
      },
      contacts: { totalCount: 3 },
      promises: { totalCount: 1 },
    });
  });

  it("lists only the borrower's loans in the caller's scope, paginated", async () => {
    const loanIds = async (who: keyof typeof token) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res = await borrower(who, shared.id, 1, after);
        expect(res.body.errors).toBeUndefined();
        const page = (
          answer(res, "borrower") as {
            loans: {
              totalCount: number;
              pageInfo: { hasNextPage: boolean; endCursor: string };
              edges: { node: { id: string } }[];
            };
          }
        ).loans;
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return { ids, total: page.totalCount };
        after = page.pageInfo.endCursor;
      }
    };
    const [l1, l2, l3] = shared.loans as [string, string, string];
    expect(await loanIds("agentA")).toEqual({ ids: [l2, l1], total: 2 }); // most days past due first
    expect(await loanIds("supervisorA")).toEqual({ ids: [l2, l1], total: 2 });
    expect(await loanIds("agentB")).toEqual({ ids: [l3], total: 1 });
    expect(await loanIds("manager")).toEqual({ ids: [l3, l2, l1], total: 3 });
  });

  it("answers NOT_FOUND for a borrower outside the caller's scope, and for a reference portfolio's to anyone", async () => {
    const other = await borrower("agentB", w.loanA1.borrower.id);
    expect(other.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(other.body.data).toBeNull();
    expect((await borrower("supervisorA", w.loanB.borrower.id)).body.errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    for (const who of ["agentA", "manager"] as const) {
      const res = await borrower(who, referenceBorrowerId);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const bad = await borrower("manager", "not-an-id");
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("finds a borrower by any part of the name, in any case", async () => {
    expect(await search("agentA", `ölmez-${w.tag}`.toUpperCase())).toEqual([shared.id]);
    expect(await search("manager", `eynep ölmez-${w.tag}`)).toEqual([shared.id]);
  });

  it("finds a borrower by their reference or a loan's, whole or by its beginning, in any case", async () => {
    expect(await search("agentA", `cust-${w.tag}`)).toEqual([shared.id]);
    expect(await search("agentA", `ACC-2-${w.tag}`)).toEqual([shared.id]);
    expect(await search("agentB", `acc-3-${w.tag}`)).toEqual([shared.id]);
    expect(await search("manager", `ACC-1-${w.tag.slice(0, 4)}`)).toContain(shared.id);
  });

  it("finds a borrower by phone number whatever its punctuation", async () => {
    const [a, b, c] = [phoneDigits.slice(0, 3), phoneDigits.slice(3, 6), phoneDigits.slice(6)];
    for (const typed of [phoneDigits, `${a}-${b}-${c}`, `+1 ${a} ${b} ${c}`, `(${a}) ${b}${c}`, `${b}${c}`]) {
      expect(await search("agentA", typed)).toEqual([shared.id]);
    }
  });

  it("never finds a borrower outside the caller's scope or in a reference portfolio", async () => {
    // L3's borrower belongs to agent B: agent A and supervisor A do not find it by name or reference.
    for (const who of ["agentA", "supervisorA"] as const) {
      expect(await search(who, `B-L3`)).not.toContain(w.loanB.borrower.id);
      expect(await search(who, `L3-${w.tag}`)).toEqual([]);
    }
    expect(await search("agentB", `L3-${w.tag}`)).toEqual([w.loanB.borrower.id]);
    expect(await search("manager", `L3-${w.tag}`)).toEqual([w.loanB.borrower.id]);
    // The reference twin matches every key but is found by nobody, though agent A holds a task on its loan.
    for (const who of ["agentA", "manager"] as const) {
      for (const q of [`Ölmez-${w.tag}`, `CUST-${w.tag}-REF`, `ACC-1-${w.tag}-REF`, phoneDigits]) {
        expect(await search(who, q)).not.toContain(referenceBorrowerId);
      }
    }
    // Agent B works one of the shared borrower's loans: found, with only that loan.
    const res = await gql(app, SEARCH, { query: `CUST-${w.tag}` }, token.agentB);
    expect(res.body.data?.searchBorrowers).toEqual([
      expect.objectContaining({ id: shared.id, loans: { nodes: [{ id: shared.loans[2] }] } }),
    ]);
  });

  it("refuses a query too short or too long, and a page size over the limit, saying the limits", async () => {
    const short = await gql(app, SEARCH, { query: " a " }, token.manager);
    expect(short.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(short.body.errors?.[0]?.message).toMatch(/query must have 2 to 100 characters/);
    const long = await gql(app, SEARCH, { query: "x".repeat(101) }, token.manager);
    expect(long.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const big = await gql(app, SEARCH, { query: "abc", first: 51 }, token.manager);
    expect(big.body.errors?.[0]?.message).toMatch(/first must be between 1 and 50/);
    // Wildcards are searched for as they are typed, not as patterns.
    expect(await search("manager", "%%%")).toEqual([]);
  });

  it("searches names through the trigram index", async () => {
    const db = app.services.db;
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM "Borrower" WHERE "fullName" ILIKE '%lmez%'`,
      );
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("Borrower_fullName_trgm_idx");
    const phone = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM "Borrower" WHERE regexp_replace(phone, '[^0-9]', '', 'g') LIKE '%5550102%'`,
      );
    });
    expect(phone.map((r) => r["QUERY PLAN"]).join("\n")).toContain("Borrower_phone_digits_trgm_idx");
    const reference = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "borrowerId" FROM "Loan" WHERE lower("externalKey") LIKE 'acc-1%'`,
      );
    });
    expect(reference.map((r) => r["QUERY PLAN"]).join("\n")).toContain("Loan_externalKey_lower_idx");
  });
});
