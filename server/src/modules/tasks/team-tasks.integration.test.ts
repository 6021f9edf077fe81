import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const TEAM_TASKS = `query T($first: Int!, $after: String, $filter: TeamTaskFilter) {
  teamTasks(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id assigneeId status loan { id } }
  }
}`;

interface TaskPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; assigneeId: string | null; status: string; loan: { id: string } }[];
}

describe("teamTasks: the tasks a supervisor hands around", () => {
  let app: TestApp;
  let w: World;
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await login(app, email, PASSWORD));
    return tokens.get(email) as string;
  };
  const db = () => app.services.db;
  /** Task ids of the world, by name. */
  const t: Record<string, string> = {};
  let referencePortfolioId: string;

  const call = async (email: string, filter: Record<string, unknown> = {}, first = 50, after?: string) =>
    gql(app, TEAM_TASKS, { first, after, filter }, await as(email));
  /** Every page of the list, `first` at a time; each page must agree on the total. */
  const readAll = async (email: string, filter: Record<string, unknown>, first: number) => {
    const ids: string[] = [];
    let after: string | undefined;
    let total = -1;
    for (let pages = 0; pages < 50; pages++) {
      const res = await call(email, filter, first, after);
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data?.teamTasks as TaskPage;
      if (total >= 0) expect(page.totalCount).toBe(total);
      total = page.totalCount;
      ids.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) return { ids, total };
      after = page.pageInfo.endCursor ?? undefined;
    }
    throw new Error("the list never ends");
  };
  /** The world's tasks among `ids`, in their order: other test files' rows may be listed for managers. */
  const ours = (ids: string[]) => ids.filter((id) => Object.values(t).includes(id));

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(db());
    const task = async (loanId: string) =>
      (await db().task.findFirstOrThrow({ where: { loanId }, select: { id: true } })).id;
    t.a1 = await task(w.loanA1.id);
    t.a2 = await task(w.loanA2.id);
    t.b = await task(w.loanB.id);
    // Most urgent first: a2 (priority 1) before a1 (priority 2, due earlier than the team's unassigned one).
    await db().task.update({ where: { id: t.a2 }, data: { priority: 1 } });
    await db().task.update({
      where: { id: t.a1 },
      data: { priority: 2, dueAt: new Date("2025-06-01T09:00:00Z"), status: "IN_PROGRESS" },
    });
    // At most one unfinished task per loan: each of these open ones has a loan of its own.
    const newLoan = async (key: string) => {
      const borrower = await db().borrower.create({
        data: { portfolioId: w.portfolio.id, externalKey: `B-${key}-${w.tag}`, fullName: `Borrower ${key}` },
      });
      const loan = await db().loan.create({
        data: {
          portfolioId: w.portfolio.id,
          borrowerId: borrower.id,
          externalKey: `${key}-${w.tag}`,
          productType: "INSTALMENT",
          currentDpd: 20,
          currentBucket: "DPD_15_29",
        },
      });
      return loan.id;
    };
    const extra = async (data: Record<string, unknown>) =>
      (
        await db().task.create({
          data: {
            loanId: await newLoan(`X${Object.keys(t).length}`),
            actionType: "CALL",
            priority: 2,
            dueAt: new Date("2099-01-01T09:00:00Z"),
            ...data,
          },
        })
      ).id;
    // A follow-up waiting for an agent of team A, a finished task, and an escalation (never listed here).
    t.unassigned = await extra({ teamId: w.teamA.id, actionType: "PAYMENT_PLAN" });
    t.done = await extra({
      loanId: w.loanA1.id,
      assigneeId: w.agentA.id,
      teamId: w.teamA.id,
      status: "DONE",
      outcome: "NO_CONTACT",
    });
    t.escalation = await extra({
      teamId: w.teamA.id,
      actionType: "ESCALATE_TO_RECOVERY_MANAGER",
      priority: 1,
      escalationReason: "HARDSHIP",
    });
    // A task on a reference portfolio (data kept for training) is nobody's work.
    const reference = await db().portfolio.create({
      data: { name: `R-${w.tag}`, source: "test", kind: "REFERENCE", asOfDate: new Date("2025-06-30") },
    });
    referencePortfolioId = reference.id;
    const borrower = await db().borrower.create({
      data: { portfolioId: reference.id, externalKey: `RB-${w.tag}`, fullName: "Reference Borrower" },
    });
    const loan = await db().loan.create({
      data: {
        portfolioId: reference.id,
        borrowerId: borrower.id,
        externalKey: `RL-${w.tag}`,
        productType: "INSTALMENT",
        currentDpd: 40,
        currentBucket: "DPD_30_59",
      },
    });
    await db().task.create({
      data: {
        loanId: loan.id,
        assigneeId: w.agentA.id,
        teamId: w.teamA.id,
        actionType: "CALL",
        dueAt: new Date("2025-07-01T09:00:00Z"),
      },
    });
    // The latest score of loan A2 is HIGH (an older one said LOW).
    const model = await db().modelVersion.create({
      data: { version: `tt-${w.tag}`, algorithm: "test", card: {} },
    });
    for (const [tier, scoredAt] of [
      ["LOW", "2025-06-01T00:00:00Z"],
      ["HIGH", "2025-07-01T00:00:00Z"],
    ] as const) {
      await db().riskScore.create({
        data: {
          loanId: w.loanA2.id,
          modelVersionId: model.id,
          probability: tier === "HIGH" ? 0.7 : 0.1,
          tier,
          bucket: "DPD_30_59",
          dpd: 35,
          asOfDate: new Date(scoredAt.slice(0, 10)),
          features: {},
          scoredAt: new Date(scoredAt),
        },
      });
    }
    await db().loan.update({
      where: { id: w.loanA2.id },
      data: { currentBucket: "DPD_60_89", currentDpd: 61 },
    });
  });
  afterAll(async () => {
    await db().portfolio.delete({ where: { id: referencePortfolioId } });
    await destroyWorld(db(), w);
    await db().modelVersion.deleteMany({ where: { version: `tt-${w.tag}` } });
    await app.close();
  });

  it("gives a supervisor their team's unfinished work, most urgent first, page by page", async () => {
    const { ids, total } = await readAll(w.supervisorA.email, {}, 1);
    expect(ids).toEqual([t.a2, t.a1, t.unassigned]);
    expect(total).toBe(3);
    const first = await call(w.supervisorA.email, {}, 2);
    const page = first.body.data?.teamTasks as TaskPage;
    expect(page.nodes.map((n) => [n.id, n.assigneeId, n.status, n.loan.id])).toEqual([
      [t.a2, w.agentA.id, "OPEN", w.loanA2.id],
      [t.a1, w.agentA.id, "IN_PROGRESS", w.loanA1.id],
    ]);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it("filters by agent, nobody, status, action, bucket, latest tier and overdue", async () => {
    const ids = async (filter: Record<string, unknown>) =>
      (await readAll(w.supervisorA.email, filter, 2)).ids;
    expect(await ids({ assigneeId: w.agentA.id })).toEqual([t.a2, t.a1]);
    expect(await ids({ unassigned: true })).toEqual([t.unassigned]);
    expect(await ids({ statuses: ["DONE"] })).toEqual([t.done]);
    expect(await ids({ statuses: ["IN_PROGRESS", "DONE"] })).toEqual([t.a1, t.done]);
    expect(await ids({ actions: ["PAYMENT_PLAN"] })).toEqual([t.unassigned]);
    expect(await ids({ buckets: ["DPD_60_89"] })).toEqual([t.a2]);
    expect(await ids({ tiers: ["HIGH"] })).toEqual([t.a2]);
    expect(await ids({ tiers: ["LOW"] })).toEqual([]);
    // Due in 2025 (a1, a2) is overdue; due in 2099 (the unassigned one) is not.
    expect(await ids({ overdue: true })).toEqual([t.a2, t.a1]);
    expect(await ids({ overdue: true, assigneeId: w.agentA.id, tiers: ["HIGH"] })).toEqual([t.a2]);
    // Another team's agent is not in a supervisor's scope.
    expect(await ids({ assigneeId: w.agentB.id })).toEqual([]);
  });

  it("gives managers every team's tasks, or one team's; never escalations or reference portfolios", async () => {
    const all = await readAll(w.manager.email, {}, 200);
    expect(ours(all.ids)).toEqual([t.a2, t.a1, t.unassigned, t.b]);
    expect(all.total).toBe(all.ids.length);
    expect((await readAll(w.manager.email, { teamId: w.teamB.id }, 5)).ids).toEqual([t.b]);
    expect(
      ours(
        (await readAll(w.manager.email, { statuses: ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] }, 200)).ids,
      ),
    ).not.toContain(t.escalation);
  });

  it("refuses agents, hides other teams from supervisors, and refuses a foreign cursor", async () => {
    const agent = await call(w.agentA.email);
    expect(agent.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(agent.body.errors?.[0]?.message).toContain("myWorklist");
    const other = await call(w.supervisorA.email, { teamId: w.teamB.id });
    expect(other.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const own = await call(w.supervisorA.email, { teamId: w.teamA.id });
    expect(own.body.data?.teamTasks).toMatchObject({ totalCount: 3 });
    const unknown = await call(w.manager.email, { teamId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const foreign = Buffer.from(JSON.stringify([35, "x"])).toString("base64url");
    const cursor = await call(w.manager.email, {}, 5, foreign);
    expect(cursor.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const empty = await call(w.manager.email, { statuses: [] });
    expect(empty.body.errors?.[0]?.message).toContain("statuses must name at least one value");
  });
});
