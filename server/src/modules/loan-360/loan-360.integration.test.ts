import pg from "pg";
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

const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n));

const NODE_FIELDS = {
  instalments: "sequence dueDate amountDue",
  payments: "id type amount paidAt",
  contacts: "id channel direction outcome startedAt notes",
  promises: "id amount promisedDate status createdAt",
  scoreHistory: "probability tier modelVersion scoredAt reasons { feature sentence }",
  bucketHistory: "bucket enteredOn leftOn",
  recommendations: "id actionType status createdAt",
  tasks: "id status actionType",
};

/** Every list of the 360 view, `first` items each; `paged` (if given) from the cursor `after`. */
const viewQuery = (paged?: string) => `query View($id: ID!, $first: Int!${paged ? ", $after: String" : ""}) {
  loan(id: $id) {
    id externalKey
    ${Object.entries(NODE_FIELDS)
      .map(
        ([list, fields]) =>
          `${list}(first: $first${list === paged ? ", after: $after" : ""}) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { ${fields} } } }`,
      )
      .join("\n")}
  }
}`;

const LISTS = [
  "instalments",
  "payments",
  "contacts",
  "promises",
  "scoreHistory",
  "bucketHistory",
  "recommendations",
  "tasks",
] as const;
type ListName = (typeof LISTS)[number];

interface ListPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Record<string, unknown> }[];
}

describe("loan(id): the 360 view", () => {
  let app: TestApp;
  let w: World;
  let agentA: string;
  let modelVersionId: string;
  const expected = {} as Record<ListName, unknown[]>;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.services.db;
    w = await createWorld(db);
    agentA = await login(app, w.agentA.email, PASSWORD);
    const loanId = w.loanA1.id;
    const borrowerId = w.loanA1.borrower.id;
    modelVersionId = (
      await db.modelVersion.create({ data: { version: `v360-${w.tag}`, algorithm: "t", card: {} } })
    ).id;
    for (let s = 1; s <= 7; s++) {
      await db.instalment.create({
        data: { loanId, sequence: s, dueDate: day(30 * s), amountDue: "150.00" },
      });
    }
    expected.instalments = [1, 2, 3, 4, 5, 6, 7].map((s) => s);
    const payments = [];
    // Two payments at the same instant: the id breaks the tie, so neither is lost between pages.
    for (const [n, at] of [
      [1, day(31)],
      [2, day(61)],
      [3, day(61)],
      [4, day(95)],
      [5, day(120)],
    ] as const) {
      payments.push(await db.payment.create({ data: { loanId, amount: `${n}0.00`, paidAt: at } }));
    }
    const byTimeThenId = <T extends { id: string }>(rows: T[], at: (r: T) => Date) =>
      [...rows].sort((a, b) => at(b).getTime() - at(a).getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expected.payments = byTimeThenId(payments, (p) => p.paidAt);
    const contacts = [];
    for (let c = 0; c < 6; c++) {
      contacts.push(
        await db.communication.create({
          data: {
            borrowerId,
            loanId,
            agentId: w.agentA.id,
            channel: c % 2 ? "SMS" : "CALL",
            direction: c === 3 ? "INBOUND" : "OUTBOUND",
            outcome: "NO_ANSWER",
            startedAt: day(100 + c),
            notes: c === 0 ? "left a message" : null,
          },
        }),
      );
    }
    // A contact about the borrower's other loan is not this loan's.
    await db.communication.create({
      data: { borrowerId, loanId: w.loanA2.id, channel: "CALL", outcome: "CONNECTED", startedAt: day(130) },
    });
    expected.contacts = byTimeThenId(contacts, (c) => c.startedAt);
    const promises = [];
    for (let p = 0; p < 3; p++) {
      promises.push(
        await db.promiseToPay.create({
          data: {
            loanId,
            borrowerId,
            amount: "75.00",
            promisedDate: day(110 + p),
            status: p < 2 ? "BROKEN" : "PENDING",
            createdAt: day(105 + p),
          },
        }),
      );
    }
    expected.promises = byTimeThenId(promises, (p) => p.createdAt);
    const scores = [];
    for (let s = 0; s < 4; s++) {
      scores.push(
        await db.riskScore.create({
          data: {
            loanId,
            modelVersionId,
            probability: 0.1 * (s + 1),
            tier: s < 2 ? "LOW" : "HIGH",
            bucket: "DPD_30_59",
            dpd: 30 + s,
            asOfDate: day(150 + s),
            features: {},
            reasons: [
              { feature: "late_ratio_6", direction: "RAISES_RISK", effect: 0.4, value: s, sentence: `r${s}` },
            ],
            scoredAt: day(151 + s),
          },
        }),
      );
    }
    expected.scoreHistory = [...scores].reverse().map((s) => s.probability);
    const buckets: [string, Date, Date | null][] = [
      ["CURRENT", day(0), day(45)],
      ["DPD_1_14", day(45), day(59)],
      ["DPD_15_29", day(59), day(74)],
      ["DPD_30_59", day(74), null],
    ];
    for (const [bucket, enteredOn, leftOn] of buckets) {
      await db.bucketHistory.create({ data: { loanId, bucket: bucket as never, enteredOn, leftOn } });
    }
    expected.bucketHistory = buckets.map((b) => b[0]).reverse();
    const recs = [];
    for (let r = 0; r < 3; r++) {
      recs.push(
        await db.recommendation.create({
          data: {
            loanId,
            actionType: r === 2 ? "CALL" : "SMS_REMINDER",
            priority: 3,
            dueAt: day(160),
            rationale: `rec ${r}`,
            status: r === 2 ? "ACTIVE" : "SUPERSEDED",
            createdAt: day(150 + r),
          },
        }),
      );
    }
    expected.recommendations = byTimeThenId(recs, (r) => r.createdAt);
    // The world's open task, and two finished ones before it.
    const open = await db.task.findFirstOrThrow({ where: { loanId } });
    const done = [];
    for (let t = 0; t < 2; t++) {
      done.push(
        await db.task.create({
          data: {
            loanId,
            assigneeId: w.agentA.id,
            teamId: w.teamA.id,
            actionType: "CALL",
            status: "DONE",
            outcome: "NO_CONTACT",
            dueAt: day(100),
            createdAt: day(90 + t),
          },
        }),
      );
    }
    expected.tasks = byTimeThenId([open, ...done], (t) => t.createdAt);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.services.db.modelVersion.delete({ where: { id: modelVersionId } });
    await app.close();
  });

  const view = async (token: string, first: number, after: string | null = null, paged?: ListName) =>
    gql(app, viewQuery(paged), { id: w.loanA1.id, first, ...(paged ? { after } : {}) }, token);

  const idOf: Record<ListName, (n: Record<string, unknown>) => unknown> = {
    instalments: (n) => n.sequence,
    payments: (n) => n.id,
    contacts: (n) => n.id,
    promises: (n) => n.id,
    scoreHistory: (n) => n.probability,
    bucketHistory: (n) => n.bucket,
    recommendations: (n) => n.id,
    tasks: (n) => n.id,
  };

  for (const list of LISTS) {
    it(`pages through ${list} two at a time without gaps or repeats, in its order`, async () => {
      const seen: unknown[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const res = await view(agentA, 2, after, list);
        expect(res.body.errors).toBeUndefined();
        const page = (answer(res, "loan") as Record<ListName, ListPage>)[list];
        expect(page.totalCount).toBe(expected[list].length);
        seen.push(...page.edges.map((e) => idOf[list](e.node)));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected[list]);
    });
  }

  it("keeps what the existing loan fields said, and each score's reasons", async () => {
    const res = await view(agentA, 1);
    const loan = answer(res, "loan") as Record<ListName, ListPage> & { externalKey: string };
    expect(loan.externalKey).toBe(`L1-${w.tag}`);
    expect(loan.scoreHistory.edges[0]?.node).toMatchObject({
      tier: "HIGH",
      modelVersion: `v360-${w.tag}`,
      reasons: [{ feature: "late_ratio_6", sentence: "r3" }],
    });
    expect(loan.contacts.totalCount).toBe(6);
  });

  it("answers NOT_FOUND to another agent, and the view to the team's supervisor and a manager", async () => {
    const other = await view(await login(app, w.agentB.email, PASSWORD), 5);
    expect(other.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(other.body.data).toBeNull();
    for (const email of [w.supervisorA.email, w.manager.email]) {
      const res = await view(await login(app, email, PASSWORD), 5);
      expect(res.body.errors).toBeUndefined();
      expect((answer(res, "loan") as Record<ListName, ListPage>).payments.totalCount).toBe(5);
    }
  });

  it("reads the lists of many loans in one go: a page of the loan list with every list selected", async () => {
    const query = `{ loans(first: 10) { nodes { id amountOverdue
      payments(first: 2) { totalCount nodes { id } } tasks(first: 1) { nodes { id } }
      contacts(first: 3) { nodes { id } } } } }`;
    const res = await gql(app, query, {}, agentA);
    expect(res.body.errors).toBeUndefined();
    const nodes = (
      answer(res, "loans") as {
        nodes: { id: string; payments: ListPage; contacts: { nodes: unknown[] } }[];
      }
    ).nodes;
    const a1 = nodes.find((n) => n.id === w.loanA1.id);
    const a2 = nodes.find((n) => n.id === w.loanA2.id);
    expect(a1?.payments.totalCount).toBe(5);
    expect(a1?.contacts.nodes).toHaveLength(3);
    expect(a2?.payments.totalCount).toBe(0);
    expect(a2?.contacts.nodes).toHaveLength(1);
  });

  it("takes as many SQL statements for a page of 2 loans as for a page of 15, every list selected", async () => {
    // Fifteen loans of agent A (the world's two and thirteen more), each with a payment and a contact.
    const db = app.services.db;
    for (let i = 0; i < 13; i++) {
      const b = await db.borrower.create({
        data: { portfolioId: w.portfolio.id, externalKey: `N-${i}-${w.tag}`, fullName: `N ${i}` },
      });
      const loan = await db.loan.create({
        data: {
          portfolioId: w.portfolio.id,
          borrowerId: b.id,
          externalKey: `N-${i}-${w.tag}`,
          productType: "INSTALMENT",
        },
      });
      await db.task.create({
        data: {
          loanId: loan.id,
          assigneeId: w.agentA.id,
          teamId: w.teamA.id,
          actionType: "CALL",
          dueAt: day(200),
        },
      });
      await db.payment.create({ data: { loanId: loan.id, amount: "5", paidAt: day(100) } });
      await db.communication.create({
        data: {
          borrowerId: b.id,
          loanId: loan.id,
          channel: "SMS",
          outcome: "DELIVERED",
          startedAt: day(100),
        },
      });
    }
    const lists = Object.entries(NODE_FIELDS)
      .map(
        ([list, fields]) => `${list}(first: 3) { totalCount pageInfo { hasNextPage } nodes { ${fields} } }`,
      )
      .join(" ");
    const query = `query($n: Int!) { loans(first: $n) { totalCount nodes { id amountOverdue latestScore { tier }
      recommendation { actionType } borrower { fullName contacts(first: 2) { totalCount nodes { id } }
      promises(first: 2) { nodes { id } } loans(first: 2) { nodes { id } } } portfolio { name } ${lists} } } }`;
    // Every statement the in-process server sends goes through pg's Client.query (Prisma's adapter included).
    const send = pg.Client.prototype.query;
    let statements = 0;
    const counted = async (n: number) => {
      statements = 0;
      const res = await gql(app, query, { n }, agentA);
      expect(res.body.errors).toBeUndefined();
      expect((answer(res, "loans") as { nodes: unknown[] }).nodes).toHaveLength(n);
      return statements;
    };
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      return (send as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof send;
    try {
      // Connections opened and this user's access cached (user-access.ts), so that neither run pays for them.
      await counted(2);
      const small = await counted(2);
      const large = await counted(15);
      expect(small).toBeGreaterThan(16); // each of the 8 lists and its count at least
      expect(large).toBe(small);
      // One per list and per count, a few for the page itself: far fewer than the 15 loans' lists.
      expect(small).toBeLessThan(40);
    } finally {
      pg.Client.prototype.query = send;
    }
  });
});
