import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import type { ContactRules } from "../contact-rules/contact-rules.js";
import { type SeededTask, seedWorklist, worklistOrder } from "./worklist.test-kit.js";

const PAGE = `query Page($first: Int, $after: String, $filter: WorklistFilter) {
  myWorklist(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { task { id } } }
    nodes { task { id } }
  }
}`;

const ITEM = `query { myWorklist(first: 100) { edges { node {
  task { id actionType status priority dueAt loan { id } }
  loan { id externalKey bucket currentDpd outstandingBalance }
  borrower { id fullName timeZone contactRestrictions }
  latestScore { tier probability reasons { feature sentence } }
  recommendation { actionType channel priority }
  amountOverdue
  recentContacts { channel direction outcome startedAt loanId notes }
  openPromise { amount promisedDate status }
  contactChannel
  contactNow { allowed rule rules reason nextAllowedAt permanent borrowerTimeZone }
} } } }`;

type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { task: { id: string } } }[];
  nodes: { task: { id: string } }[];
};
type Item = Record<string, unknown> & { task: { id: string } };

const DAY_MS = 86_400_000;
const SEEDED = 23;

/** A fixed-offset zone where it is now 14:00, so that the contact hours never decide a test by the clock. */
function zoneAtTwoPm(now: Date): string {
  let offset = 14 - now.getUTCHours();
  if (offset > 12) offset -= 24;
  if (offset < -12) offset += 24;
  // POSIX-style names: Etc/GMT-3 is three hours ahead of UTC.
  return offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

describe("myWorklist over GraphQL", () => {
  let app: TestApp;
  let w: World;
  let agentToken: string;
  let seeded: SeededTask[];
  let modelId: string;
  let reference: { id: string };
  let rules: ContactRules;
  const now = new Date();

  const page = async (variables: Record<string, unknown>, token = agentToken) => {
    const res = await gql(app, PAGE, variables, token);
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.myWorklist as Page;
  };
  /** Every item of the agent's first 100, every field selected. */
  const items = async (): Promise<Item[]> => {
    const res = await gql(app, ITEM, {}, agentToken);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as { myWorklist: { edges: { node: Item }[] } };
    return data.myWorklist.edges.map((e) => e.node);
  };
  const ids = (p: Page) => p.edges.map((e) => e.node.task.id);
  /** Every task of the filter, page after page of `size`. */
  const allPages = async (filter: Record<string, unknown> | undefined, size = 4) => {
    const out: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const p: Page = await page({ first: size, after, filter });
      out.push(...ids(p));
      if (!p.pageInfo.hasNextPage) return { ids: out, total: p.totalCount };
      after = p.pageInfo.endCursor;
    }
    throw new Error("the worklist never ended");
  };

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.services.db;
    w = await createWorld(db);
    agentToken = await login(app, w.agentA.email, PASSWORD);
    rules = (await app.services.policies.active()).contactRules;
    modelId = (
      await db.modelVersion.create({ data: { version: `wl-${w.tag}`, algorithm: "test", card: {} } })
    ).id;
    // The world's two tasks of agent A are part of the worklist too: keep them out of the way (finished).
    await db.task.updateMany({ where: { assigneeId: w.agentA.id }, data: { status: "DONE" } });
    seeded = await seedWorklist(db, {
      portfolioId: w.portfolio.id,
      assigneeId: w.agentA.id,
      teamId: w.teamA.id,
      modelVersionId: modelId,
      count: SEEDED,
      tag: w.tag,
      dueBase: new Date("2026-11-20T09:00:00Z"),
    });
    // Work that is not agent A's worklist: a reference portfolio's task, a finished and a cancelled task
    // (the world's), the supervisor's own task, and agent B's.
    reference = await db.portfolio.create({
      data: { name: `REF-${w.tag}`, source: "test", kind: "REFERENCE", asOfDate: new Date("2025-06-30") },
    });
    const refBorrower = await db.borrower.create({ data: { portfolioId: reference.id, externalKey: "RB" } });
    const refLoan = await db.loan.create({
      data: {
        portfolioId: reference.id,
        borrowerId: refBorrower.id,
        externalKey: "RL",
        productType: "INSTALMENT",
      },
    });
    await db.task.create({
      data: {
        loanId: refLoan.id,
        assigneeId: w.agentA.id,
        actionType: "CALL",
        priority: 1,
        dueAt: new Date(0),
      },
    });
    await db.task.updateMany({ where: { loanId: w.loanA2.id }, data: { status: "CANCELLED" } });
  });

  afterAll(async () => {
    const db = app.services.db;
    await db.portfolio.delete({ where: { id: reference.id } });
    await destroyWorld(db, w);
    await db.modelVersion.delete({ where: { id: modelId } });
    await app.close();
  });

  it("lists the agent's own open and started tasks, most urgent first, and nothing else", async () => {
    const p = await page({ first: 100 });
    expect(ids(p)).toEqual([...seeded].sort(worklistOrder).map((s) => s.taskId));
    expect(p.totalCount).toBe(SEEDED);
    expect(p.pageInfo).toEqual({ hasNextPage: false, endCursor: p.edges.at(-1)?.cursor });
    expect(p.nodes).toEqual(p.edges.map((e) => e.node));
  });

  it("pages by cursor without repeating or skipping a task, ties on priority and due time included", async () => {
    const { ids: paged, total } = await allPages(undefined, 4);
    expect(paged).toEqual([...seeded].sort(worklistOrder).map((s) => s.taskId));
    expect(new Set(paged).size).toBe(SEEDED);
    expect(total).toBe(SEEDED);
    const first = await page({ first: 5 });
    expect(first.pageInfo.endCursor).toBe(first.edges.at(-1)?.cursor);
    const second = await page({ first: 5, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual(ids(await page({ first: 10 })).slice(5));
    // Continuing from an item's own cursor starts right after it.
    const fromThird = await page({ first: 2, after: first.edges[2]?.cursor });
    expect(ids(fromThird)).toEqual(ids(first).slice(3, 5));
  });

  it("filters by bucket, tier, action, status and due range, each alone and together", async () => {
    const expectFilter = async (filter: Record<string, unknown>, keep: (s: SeededTask) => boolean) => {
      const want = seeded.filter(keep).sort(worklistOrder);
      expect(want.length).toBeGreaterThan(0);
      const got = await allPages(filter, 3);
      expect(got.ids).toEqual(want.map((s) => s.taskId));
      expect(got.total).toBe(want.length);
    };
    await expectFilter({ buckets: ["DPD_60_89", "DPD_90_PLUS"] }, (s) =>
      ["DPD_60_89", "DPD_90_PLUS"].includes(s.bucket),
    );
    await expectFilter({ tiers: ["HIGH"] }, (s) => s.tier === "HIGH");
    await expectFilter(
      { actions: ["FIELD_VISIT", "CALL"] },
      (s) => s.action === "FIELD_VISIT" || s.action === "CALL",
    );
    await expectFilter({ statuses: ["IN_PROGRESS"] }, (s) => s.status === "IN_PROGRESS");
    await expectFilter({ statuses: ["OPEN"] }, (s) => s.status === "OPEN");
    const from = new Date("2026-11-21T09:00:00Z");
    const before = new Date("2026-11-22T09:00:00Z");
    await expectFilter({ dueFrom: from.toISOString() }, (s) => s.dueAt >= from);
    await expectFilter(
      { dueFrom: from.toISOString(), dueBefore: before.toISOString() },
      (s) => s.dueAt.getTime() === from.getTime(),
    );
    await expectFilter(
      { tiers: ["LOW", "MEDIUM"], statuses: ["OPEN"], dueBefore: before.toISOString() },
      (s) => (s.tier === "LOW" || s.tier === "MEDIUM") && s.status === "OPEN" && s.dueAt < before,
    );
  });

  it("answers an empty page with a count of zero when nothing matches", async () => {
    const p = await page({ first: 10, filter: { buckets: ["CURRENT"] } });
    expect(p).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
      nodes: [],
    });
  });

  it("carries with each task its loan, borrower, score, recommendation, arrears, contacts, promise and contact verdict", async () => {
    const db = app.services.db;
    const s = seeded[0] as SeededTask;
    const zone = zoneAtTwoPm(now);
    await db.borrower.update({ where: { id: s.borrowerId }, data: { timeZone: zone } });
    // A fifth contact, an inbound call answered yesterday on another loan: the latest three are across loans.
    const otherLoan = await db.loan.create({
      data: {
        portfolioId: w.portfolio.id,
        borrowerId: s.borrowerId,
        externalKey: `WX-${w.tag}`,
        productType: "REVOLVING",
      },
    });
    await db.communication.create({
      data: {
        borrowerId: s.borrowerId,
        loanId: otherLoan.id,
        channel: "CALL",
        direction: "INBOUND",
        outcome: "NO_ANSWER",
        startedAt: new Date(now.getTime() - DAY_MS / 2),
        notes: "asked about fees",
      },
    });
    // A newer cancelled promise and an older kept one do not hide the pending one.
    await db.promiseToPay.createMany({
      data: [
        {
          loanId: s.loanId,
          borrowerId: s.borrowerId,
          amount: "50",
          promisedDate: new Date("2025-07-20"),
          status: "CANCELLED",
        },
        {
          loanId: s.loanId,
          borrowerId: s.borrowerId,
          amount: "70",
          promisedDate: new Date("2025-05-01"),
          status: "KEPT",
          createdAt: new Date("2025-04-20"),
        },
      ],
    });
    const item = (await items()).find((n) => n.task.id === s.taskId);
    const day = (n: number) => new Date(now.getTime() - n * DAY_MS).toISOString().slice(0, 10);
    expect(item).toMatchObject({
      task: {
        id: s.taskId,
        actionType: s.action,
        status: s.status,
        priority: s.priority,
        dueAt: s.dueAt.toISOString(),
        loan: { id: s.loanId },
      },
      loan: {
        id: s.loanId,
        externalKey: `WL-${w.tag}-0`,
        bucket: s.bucket,
        currentDpd: 20,
        outstandingBalance: "3000.00",
      },
      borrower: {
        id: s.borrowerId,
        fullName: "Worklist Borrower 0",
        timeZone: zone,
        contactRestrictions: [],
      },
      latestScore: {
        tier: s.tier,
        probability: 0.3,
        reasons: [{ feature: "dpd", sentence: "20 days late" }],
      },
      recommendation: { actionType: s.action, channel: "CALL", priority: s.priority },
      // Three instalments of 200 fell due before the portfolio's date (2025-06-30); 150 was paid.
      amountOverdue: "450.00",
      openPromise: { amount: "100.00", promisedDate: "2025-07-10", status: "PENDING" },
      contactChannel: "CALL",
      contactNow: {
        allowed: true,
        rule: null,
        rules: [],
        reason: null,
        nextAllowedAt: null,
        permanent: false,
        borrowerTimeZone: zone,
      },
    });
    const contacts = item?.recentContacts as {
      startedAt: string;
      loanId: string;
      channel: string;
      notes: string | null;
    }[];
    expect(contacts.map((c) => [c.channel, c.loanId, c.startedAt.slice(0, 10)])).toEqual([
      ["CALL", otherLoan.id, day(0.5)],
      ["SMS", s.loanId, day(1)],
      ["SMS", s.loanId, day(2)],
    ]);
    expect(contacts[0]?.notes).toBe("asked about fees");
    // A loan with nothing recorded yet.
    await db.riskScore.deleteMany({ where: { loanId: s.loanId } });
    await db.recommendation.deleteMany({ where: { loanId: s.loanId } });
    await db.promiseToPay.deleteMany({ where: { loanId: s.loanId } });
    await db.payment.deleteMany({ where: { loanId: s.loanId } });
    expect((await items()).find((n) => n.task.id === s.taskId)).toMatchObject({
      latestScore: null,
      recommendation: null,
      openPromise: null,
      amountOverdue: "600.00",
    });
  });

  it("refuses contact now with the rule and the next allowed instant, counting contacts on all the borrower's loans", async () => {
    const db = app.services.db;
    const s = seeded[1] as SeededTask;
    await db.borrower.update({ where: { id: s.borrowerId }, data: { timeZone: zoneAtTwoPm(now) } });
    // A conversation two days ago, logged against another loan of the same borrower (none: borrower-level).
    const talkedAt = new Date(now.getTime() - 2 * DAY_MS);
    await db.communication.create({
      data: { borrowerId: s.borrowerId, channel: "CALL", outcome: "CONNECTED", startedAt: talkedAt },
    });
    // The recommendation names a call for the task's action: that is the channel checked.
    await db.recommendation.updateMany({
      where: { loanId: s.loanId },
      data: { actionType: s.action, channel: "CALL" },
    });
    const s2 = seeded[2] as SeededTask;
    await db.borrower.update({ where: { id: s2.borrowerId }, data: { doNotContact: true } });
    // A borrower who asked to be contacted between 16:00 and 18:00 only; it is 14:00 where they live.
    const s3 = seeded[3] as SeededTask;
    await db.borrower.update({
      where: { id: s3.borrowerId },
      data: {
        timeZone: zoneAtTwoPm(now),
        preferredContactStartMinutes: 16 * 60,
        preferredContactEndMinutes: 18 * 60,
      },
    });
    const pastTheHour = now.getUTCMinutes() * 60_000 + now.getUTCSeconds() * 1000 + now.getUTCMilliseconds();

    const nodes = await items();
    const cooled = nodes.find((n) => n.task.id === s.taskId);
    expect(cooled?.contactChannel).toBe("CALL");
    expect(cooled?.contactNow).toMatchObject({
      allowed: false,
      rule: "CONVERSATION_COOLDOWN",
      rules: ["CONVERSATION_COOLDOWN"],
      nextAllowedAt: new Date(talkedAt.getTime() + rules.noCallDaysAfterConversation * DAY_MS).toISOString(),
      permanent: false,
    });
    expect((cooled?.contactNow as { reason?: string } | undefined)?.reason).toMatch(/rules out calls/);
    expect(nodes.find((n) => n.task.id === s3.taskId)?.contactNow).toMatchObject({
      allowed: false,
      rule: "OUTSIDE_CONTACT_HOURS",
      nextAllowedAt: new Date(now.getTime() - pastTheHour + 2 * 3_600_000).toISOString(),
      permanent: false,
    });
    expect(nodes.find((n) => n.task.id === s2.taskId)?.contactNow).toMatchObject({
      allowed: false,
      rule: "DO_NOT_CONTACT",
      nextAllowedAt: null,
      permanent: true,
    });
  });

  it("shows a supervisor their own assigned tasks only, not their team's", async () => {
    const db = app.services.db;
    const own = await db.task.create({
      data: {
        loanId: w.loanA2.id,
        assigneeId: w.supervisorA.id,
        teamId: w.teamA.id,
        actionType: "CALL",
        dueAt: new Date(),
      },
    });
    try {
      const p = await page({ first: 50 }, await login(app, w.supervisorA.email, PASSWORD));
      expect(ids(p)).toEqual([own.id]);
      expect(p.totalCount).toBe(1);
    } finally {
      await db.task.delete({ where: { id: own.id } });
    }
  });

  it("keeps other agents' tasks out, and theirs hold none of this agent's", async () => {
    const p = await page({ first: 50 }, await login(app, w.agentB.email, PASSWORD));
    const loanBTask = await app.services.db.task.findFirstOrThrow({ where: { loanId: w.loanB.id } });
    expect(ids(p)).toEqual([loanBTask.id]);
    expect(ids(await page({ first: 100 }))).not.toContain(loanBTask.id);
  });

  it("refuses bad arguments with messages naming the field", async () => {
    const bad = async (variables: Record<string, unknown>, message: RegExp) => {
      const res = await gql(app, PAGE, variables, agentToken);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.body.errors?.[0]?.message).toMatch(message);
    };
    await bad({ first: 0 }, /first must be between 1 and 100/);
    await bad({ first: 101 }, /first must be between 1 and 100/);
    await bad({ after: "not-a-cursor" }, /after: "not-a-cursor" is not a worklist cursor/);
    await bad({ filter: { statuses: ["DONE"] } }, /statuses must be OPEN or IN_PROGRESS/);
    await bad({ filter: { buckets: [] } }, /buckets must name at least one bucket/);
    await bad({ filter: { dueFrom: "tomorrow" } }, /dueFrom must be an ISO 8601 instant/);
    await bad(
      { filter: { dueFrom: "2026-12-02T00:00:00Z", dueBefore: "2026-12-01T00:00:00Z" } },
      /dueBefore .* must be later than filter.dueFrom/,
    );
  });
});
