import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import type { Db } from "../../core/db/prisma-client.js";

interface PageOf<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Reads a list page by page (`first` at a time) to its end; every page must agree on the total. */
async function readAll<T>(
  fetchPage: (after: string | null) => Promise<PageOf<T>>,
): Promise<{ nodes: T[]; pages: number; total: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  let pages = 0;
  let total = -1;
  for (;;) {
    const page = await fetchPage(after);
    pages++;
    if (total >= 0) expect(page.totalCount).toBe(total);
    total = page.totalCount;
    nodes.push(...page.edges.map((e) => e.node));
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    if (pages > 100) throw new Error("the list never ends");
  }
  return { nodes, pages, total };
}

const LOANS = `query Loans($first: Int!, $after: String, $filter: LoanFilter, $sort: LoanSort) {
  loans(first: $first, after: $after, filter: $filter, sort: $sort) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id externalKey currentDpd outstandingBalance amountOverdue } }
  }
}`;

interface Fixture {
  id: string;
  key: string;
  dpd: number;
  balance: string | null;
  overdue: number;
  probability: number | null;
  tier: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" | null;
  status: "ACTIVE" | "DELINQUENT";
  assignee: "A" | "B";
  product: "INSTALMENT" | "REVOLVING";
}

const TIERS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;

/** Twelve loans with ties and gaps in every sort key: schedules, payments (one reversed), scores. */
async function createLoans(db: Db, w: World, modelVersionId: string): Promise<Fixture[]> {
  const out: Fixture[] = [];
  for (let i = 0; i < 12; i++) {
    const assignee = i % 3 === 2 ? "B" : "A";
    const borrower = await db.borrower.create({
      data: { portfolioId: w.portfolio.id, externalKey: `LB-${i}-${w.tag}`, fullName: `List ${i}` },
    });
    const product = i % 4 === 1 ? "REVOLVING" : "INSTALMENT";
    const dpd = [0, 5, 35, 35, 35, 61, 95, 12, 35, 0, 130, 20][i] as number;
    const balance = i % 4 === 3 ? null : `${1000 + ((i * 737) % 5000)}.25`;
    const loan = await db.loan.create({
      data: {
        portfolioId: w.portfolio.id,
        borrowerId: borrower.id,
        externalKey: `LL-${String(i).padStart(2, "0")}-${w.tag}`,
        productType: product,
        currentDpd: dpd,
        currentBucket:
          dpd >= 90 ? "DPD_90_PLUS" : dpd >= 60 ? "DPD_60_89" : dpd >= 30 ? "DPD_30_59" : "CURRENT",
        status: i % 2 === 0 ? "DELINQUENT" : "ACTIVE",
        outstandingBalance: balance,
      },
    });
    // Instalments of 100.00 due monthly; four before the as-of date (2025-06-30), one after.
    for (let s = 1; s <= 5; s++) {
      await db.instalment.create({
        data: {
          loanId: loan.id,
          sequence: s,
          dueDate: new Date(Date.UTC(2025, 1 + s, 15)),
          amountDue: "100.00",
        },
      });
    }
    const paid = (i * 45) % 300; // 0..255: some loans have paid more than others
    const payment = await db.payment.create({
      data: { loanId: loan.id, amount: String(paid || 1), paidAt: new Date("2025-05-20T10:00:00Z") },
    });
    let effective = paid || 1;
    if (i === 4) {
      // A bounced debit undoes the payment: it no longer counts.
      await db.payment.create({
        data: {
          loanId: loan.id,
          type: "BOUNCED_DEBIT",
          amount: String(paid),
          paidAt: new Date("2025-05-25T10:00:00Z"),
          reversesPaymentId: payment.id,
        },
      });
      effective = 0;
    }
    // A payment after the as-of date does not count either.
    await db.payment.create({
      data: { loanId: loan.id, amount: "50", paidAt: new Date("2025-07-02T10:00:00Z") },
    });
    const scored = i % 5 !== 1;
    const probability = scored ? Math.round(((i * 0.173) % 1) * 1000) / 1000 : null;
    const tier = probability === null ? null : (TIERS[Math.min(3, Math.floor(probability * 4))] ?? null);
    if (scored) {
      // An older score with another tier: only the latest counts.
      await db.riskScore.create({
        data: {
          loanId: loan.id,
          modelVersionId,
          probability: 0.5,
          tier: "MEDIUM",
          bucket: "CURRENT",
          dpd: 0,
          asOfDate: new Date("2025-05-31T00:00:00Z"),
          features: {},
          scoredAt: new Date("2025-06-01T00:00:00Z"),
        },
      });
      await db.riskScore.create({
        data: {
          loanId: loan.id,
          modelVersionId,
          probability: probability as number,
          tier: tier as (typeof TIERS)[number],
          bucket: "CURRENT",
          dpd,
          asOfDate: new Date("2025-06-30T00:00:00Z"),
          features: {},
          scoredAt: new Date("2025-07-01T00:00:00Z"),
        },
      });
    }
    await db.task.create({
      data: {
        loanId: loan.id,
        assigneeId: assignee === "A" ? w.agentA.id : w.agentB.id,
        teamId: assignee === "A" ? w.teamA.id : w.teamB.id,
        actionType: "CALL",
        dueAt: new Date("2025-07-01T09:00:00Z"),
      },
    });
    out.push({
      id: loan.id,
      key: loan.externalKey,
      dpd,
      balance,
      overdue: Math.max(0, 400 - effective),
      probability,
      tier,
      status: loan.status as Fixture["status"],
      assignee,
      product,
    });
  }
  return out;
}

/** The order the list promises: the key in the direction asked, missing keys last, ties by id alike. */
function expectedOrder(loans: Fixture[], key: (l: Fixture) => number | null, desc: boolean): string[] {
  const missing = desc ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return [...loans]
    .sort((a, b) => {
      const ka = key(a) ?? missing;
      const kb = key(b) ?? missing;
      if (ka !== kb) return desc ? kb - ka : ka - kb;
      return desc ? (a.id < b.id ? 1 : -1) : a.id < b.id ? -1 : 1;
    })
    .map((l) => l.id);
}

describe("loans: filters, sorting and cursor pagination", () => {
  let app: TestApp;
  let w: World;
  let fixtures: Fixture[];
  let all: Fixture[];
  let manager: string;
  let modelVersionId: string;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    modelVersionId = (
      await app.services.db.modelVersion.create({
        data: { version: `lv-${w.tag}`, algorithm: "test", card: {} },
      })
    ).id;
    fixtures = await createLoans(app.services.db, w, modelVersionId);
    // The world's own three loans (35 days past due, no balance, no schedule, never scored) are in the list too.
    const world = [w.loanA1, w.loanA2, w.loanB].map(
      (l, i): Fixture => ({
        id: l.id,
        key: l.externalKey,
        dpd: 35,
        balance: null,
        overdue: 0,
        probability: null,
        tier: null,
        status: "ACTIVE",
        assignee: i < 2 ? "A" : "B",
        product: "INSTALMENT",
      }),
    );
    all = [...fixtures, ...world];
    manager = await login(app, w.manager.email, PASSWORD);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.services.db.modelVersion.delete({ where: { id: modelVersionId } });
    await app.close();
  });

  const list = (token: string, variables: Record<string, unknown>, first = 4) =>
    readAll(async (after) => {
      const res = await gql(app, LOANS, { first, after, ...variables }, token);
      expect(res.body.errors).toBeUndefined();
      return res.body.data?.loans as PageOf<{ id: string; amountOverdue: string }>;
    });

  const keys: Record<string, (l: Fixture) => number | null> = {
    DAYS_PAST_DUE: (l) => l.dpd,
    BALANCE: (l) => (l.balance === null ? null : Number(l.balance)),
    AMOUNT_OVERDUE: (l) => l.overdue,
    LATEST_SCORE: (l) => l.probability,
  };

  for (const field of Object.keys(keys)) {
    for (const direction of ["DESC", "ASC"]) {
      it(`pages through every loan by ${field} ${direction}, without gaps or repeats`, async () => {
        const filter = { portfolioId: w.portfolio.id };
        const { nodes, pages, total } = await list(manager, { filter, sort: { field, direction } });
        expect(total).toBe(all.length);
        expect(pages).toBe(Math.ceil(all.length / 4));
        expect(nodes.map((n) => n.id)).toEqual(
          expectedOrder(all, keys[field] as never, direction === "DESC"),
        );
      });
    }
  }

  it("says each loan's amount overdue: due before the as-of date less the payments that stand by then", async () => {
    const { nodes } = await list(manager, { filter: { portfolioId: w.portfolio.id } }, 50);
    const byId = new Map(nodes.map((n) => [n.id, n.amountOverdue]));
    for (const f of all) expect(byId.get(f.id)).toBe(f.overdue.toFixed(2));
  });

  it("filters by bucket, tier, status, assignee and days past due, alone and together", async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await list(manager, { filter: { portfolioId: w.portfolio.id, ...filter } }, 5)).nodes
        .map((n) => n.id)
        .sort();
    const expected = (pick: (l: Fixture) => boolean) =>
      all
        .filter(pick)
        .map((l) => l.id)
        .sort();
    expect(await ids({ buckets: ["DPD_30_59", "DPD_90_PLUS"] })).toEqual(
      expected((l) => (l.dpd >= 30 && l.dpd < 60) || l.dpd >= 90),
    );
    expect(await ids({ tiers: ["HIGH", "CRITICAL"] })).toEqual(
      expected((l) => l.tier === "HIGH" || l.tier === "CRITICAL"),
    );
    expect(await ids({ status: "DELINQUENT" })).toEqual(expected((l) => l.status === "DELINQUENT"));
    expect(await ids({ assigneeId: w.agentB.id })).toEqual(expected((l) => l.assignee === "B"));
    expect(await ids({ minDaysPastDue: 35 })).toEqual(expected((l) => l.dpd >= 35));
    expect(await ids({ minDaysPastDue: 30, assigneeId: w.agentA.id, tiers: ["LOW", "MEDIUM"] })).toEqual(
      expected((l) => l.dpd >= 30 && l.assignee === "A" && (l.tier === "LOW" || l.tier === "MEDIUM")),
    );
    expect(await ids({ minDaysPastDue: 10_000 })).toEqual([]);
  });

  it("filters by product, and searches loan and borrower references by their beginning and names by any part", async () => {
    const ids = async (filter: Record<string, unknown>, token = manager) =>
      (await list(token, { filter: { portfolioId: w.portfolio.id, ...filter } }, 5)).nodes
        .map((n) => n.id)
        .sort();
    const expected = (pick: (l: Fixture) => boolean) =>
      all
        .filter(pick)
        .map((l) => l.id)
        .sort();
    const index = (l: Fixture) => Number(l.key.slice(3, 5));
    const listed = (l: Fixture) => l.key.startsWith("LL-");
    expect(await ids({ productType: "REVOLVING" })).toEqual(expected((l) => l.product === "REVOLVING"));
    // Names hold the text anywhere, in any case: "List 1", "List 10" and "List 11".
    expect(await ids({ search: "list 1" })).toEqual(
      expected((l) => listed(l) && [1, 10, 11].includes(index(l))),
    );
    expect(await ids({ search: ` ll-03-${w.tag.toUpperCase()} ` })).toEqual(
      expected((l) => l.key === `LL-03-${w.tag}`),
    );
    expect(await ids({ search: `LB-5-${w.tag}` })).toEqual(expected((l) => listed(l) && index(l) === 5));
    // Wildcards are text: "%" matches no name.
    expect(await ids({ search: "Li%t" })).toEqual([]);
    expect(await ids({ search: "List", productType: "REVOLVING", status: "ACTIVE" })).toEqual(
      expected((l) => listed(l) && l.product === "REVOLVING" && l.status === "ACTIVE"),
    );
    const agent = await login(app, w.agentB.email, PASSWORD);
    expect(await ids({ search: "List" }, agent)).toEqual(expected((l) => listed(l) && l.assignee === "B"));
    const short = await gql(app, LOANS, { first: 2, filter: { search: "L" } }, manager);
    expect(short.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(short.body.errors?.[0]?.message).toContain("search must have 2 to 100 characters");
  });

  it("lists the operational portfolios by name to narrow lists to, never a reference one", async () => {
    const reference = await app.services.db.portfolio.create({
      data: { name: `Ref-${w.tag}`, source: "test", kind: "REFERENCE", asOfDate: new Date("2025-06-30") },
    });
    try {
      const agent = await login(app, w.agentA.email, PASSWORD);
      const res = await gql(app, "{ portfolios { id name kind asOfDate } }", {}, agent);
      const portfolios = res.body.data?.portfolios as { id: string; name: string; kind: string }[];
      expect(portfolios).toContainEqual({
        id: w.portfolio.id,
        name: w.portfolio.name,
        kind: "OPERATIONAL",
        asOfDate: "2025-06-30",
      });
      expect(portfolios.map((p) => p.id)).not.toContain(reference.id);
    } finally {
      await app.services.db.portfolio.delete({ where: { id: reference.id } });
    }
  });

  it("gives an agent and a supervisor only their scope, paginated and sorted the same way", async () => {
    const agent = await login(app, w.agentA.email, PASSWORD);
    const mine = all.filter((l) => l.assignee === "A");
    const { nodes, total } = await list(agent, { sort: { field: "BALANCE", direction: "ASC" } }, 3);
    expect(total).toBe(mine.length);
    expect(nodes.map((n) => n.id)).toEqual(expectedOrder(mine, keys.BALANCE as never, false));
    const supervisor = await login(app, w.supervisorA.email, PASSWORD);
    const team = await list(supervisor, {}, 7);
    expect(team.nodes.map((n) => n.id).sort()).toEqual(mine.map((l) => l.id).sort());
    // Asking for another agent's loans within one's own scope finds nothing.
    expect((await list(agent, { filter: { assigneeId: w.agentB.id } })).total).toBe(0);
  });

  it("refuses a cursor that is not one of the list's, and bad filter values, naming them", async () => {
    const bad = await gql(app, LOANS, { first: 2, after: "not-a-cursor" }, manager);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.body.errors?.[0]?.message).toContain("not-a-cursor");
    const foreign = Buffer.from(JSON.stringify(["2025-01-01", "x"])).toString("base64url");
    const res = await gql(app, LOANS, { first: 2, after: foreign }, manager);
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const filter = await gql(
      app,
      LOANS,
      { first: 2, filter: { minDaysPastDue: -1, portfolioId: "p1" } },
      manager,
    );
    expect(filter.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(filter.body.errors?.[0]?.message).toMatch(/minDaysPastDue must be 0 or more/);
    expect(filter.body.errors?.[0]?.message).toMatch(/portfolioId must be a portfolio id/);
    const zero = await gql(app, LOANS, { first: 0 }, manager);
    expect(zero.body.errors?.[0]?.message).toMatch(/first must be between 1 and 200/);
  });
});
