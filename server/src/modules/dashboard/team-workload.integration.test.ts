import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { TeamWorkloadRepository } from "./team-workload.repository.js";
import { TeamWorkloadService } from "./team-workload.service.js";

const WORKLOAD = `query Workload($teamId: ID, $promiseDays: Int) {
  teamWorkload(teamId: $teamId, promiseDays: $promiseDays) {
    teamId businessTimeZone todayStartsAt promisesSince
    agents { agentId displayName teamName capacity open inProgress overdue load doneToday
             promisesLogged promisesKept promisesBroken promiseKeptRate }
  }
}`;

const DAY_MS = 86_400_000;
/** Midnight today, UTC (the default business time zone), worked out without the server. */
const utcMidnight = () => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);

describe("teamWorkload", () => {
  let app: TestApp;
  let w: World;
  let referenceId: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.services.db;
    w = await createWorld(db);
    const midnight = utcMidnight().getTime();
    await db.user.update({ where: { id: w.agentA.id }, data: { capacity: 5 } });
    // Agent A: L1 open and overdue (due 2025-07-01), L2 in progress and due tomorrow.
    await db.task.updateMany({
      where: { loanId: w.loanA2.id },
      data: { status: "IN_PROGRESS", startedAt: new Date(), dueAt: new Date(Date.now() + DAY_MS) },
    });
    const loanWithTask = async (portfolioId: string, key: string, task: Record<string, unknown>) => {
      const borrower = await db.borrower.create({ data: { portfolioId, externalKey: `B-${key}` } });
      const loan = await db.loan.create({
        data: {
          portfolioId,
          borrowerId: borrower.id,
          externalKey: `${key}-${w.tag}`,
          productType: "INSTALMENT",
        },
      });
      await db.task.create({
        data: {
          loanId: loan.id,
          assigneeId: w.agentA.id,
          teamId: w.teamA.id,
          actionType: "CALL",
          dueAt: new Date(0),
          ...task,
        },
      });
      return loan;
    };
    // Done a second after midnight (today) and a second before it (yesterday).
    await loanWithTask(w.portfolio.id, "T1", { status: "DONE", completedAt: new Date(midnight + 1000) });
    await loanWithTask(w.portfolio.id, "T2", { status: "DONE", completedAt: new Date(midnight - 1000) });
    const reference = await db.portfolio.create({
      data: { name: `R-${w.tag}`, source: "test", kind: "REFERENCE", asOfDate: new Date("2025-06-30") },
    });
    referenceId = reference.id;
    const refLoan = await loanWithTask(reference.id, "TR", { status: "OPEN" });
    const promise = (
      loan: { id: string; borrowerId: string },
      status: "PENDING" | "KEPT" | "BROKEN",
      createdAt: Date,
    ) =>
      db.promiseToPay.create({
        data: {
          loanId: loan.id,
          borrowerId: loan.borrowerId,
          loggedById: w.agentA.id,
          amount: "10",
          promisedDate: new Date("2025-07-05"),
          status,
          createdAt,
        },
      });
    const now = new Date();
    await promise(w.loanA1, "KEPT", now);
    await promise(w.loanA1, "BROKEN", now);
    await promise(w.loanA2, "PENDING", now);
    await promise(w.loanA2, "KEPT", new Date(midnight - 30 * DAY_MS)); // before the 30-day window
    await promise(refLoan, "KEPT", now); // a reference portfolio's: not counted
    for (const u of [w.agentA, w.supervisorA, w.manager]) token[u.id] = await login(app, u.email, PASSWORD);
  });

  afterAll(async () => {
    await app.services.db.portfolio.delete({ where: { id: referenceId } });
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  const workload = async (userId: string, variables: Record<string, unknown> = {}) =>
    (await gql(app, WORKLOAD, variables, token[userId])).body;

  it("gives a supervisor each agent of their team: tasks, capacity, done today, promises", async () => {
    const body = await workload(w.supervisorA.id);
    expect(body.errors).toBeUndefined();
    const t = body.data?.teamWorkload as Record<string, unknown>;
    expect(t.teamId).toBe(w.teamA.id);
    expect(t.businessTimeZone).toBe("UTC");
    expect(t.todayStartsAt).toBe(utcMidnight().toISOString());
    expect(t.promisesSince).toBe(new Date(utcMidnight().getTime() - 29 * DAY_MS).toISOString());
    expect(t.agents).toEqual([
      {
        agentId: w.agentA.id,
        displayName: "agent-a",
        teamName: w.teamA.name,
        capacity: 5,
        open: 1,
        inProgress: 1,
        overdue: 1,
        load: 2 / 5,
        doneToday: 1,
        promisesLogged: 3,
        promisesKept: 1,
        promisesBroken: 1,
        promiseKeptRate: 0.5,
      },
    ]);
  });

  it("widens or narrows the promise window by business days", async () => {
    const t = (await workload(w.supervisorA.id, { promiseDays: 31 })).data?.teamWorkload as {
      agents: { promisesLogged: number; promisesKept: number }[];
    };
    expect(t.agents[0]).toMatchObject({ promisesLogged: 4, promisesKept: 2 });
  });

  it("gives a manager one team, or every team's agents", async () => {
    const b = (await workload(w.manager.id, { teamId: w.teamB.id })).data?.teamWorkload as {
      agents: { agentId: string; open: number }[];
    };
    expect(b.agents.map((a) => [a.agentId, a.open])).toEqual([[w.agentB.id, 1]]);
    const all = (await workload(w.manager.id)).data?.teamWorkload as {
      teamId: null;
      agents: { agentId: string }[];
    };
    expect(all.teamId).toBeNull();
    expect(all.agents.map((a) => a.agentId)).toEqual(expect.arrayContaining([w.agentA.id, w.agentB.id]));
  });

  it("refuses agents and hides other teams from a supervisor", async () => {
    const code = (body: { errors?: { extensions?: { code?: string } }[] }) =>
      body.errors?.[0]?.extensions?.code;
    expect(code(await workload(w.agentA.id))).toBe("FORBIDDEN");
    expect(code(await workload(w.supervisorA.id, { teamId: w.teamB.id }))).toBe("NOT_FOUND");
    expect(code(await workload(w.manager.id, { teamId: "00000000-0000-4000-8000-000000000000" }))).toBe(
      "NOT_FOUND",
    );
    const bad = await workload(w.manager.id, { promiseDays: 0 });
    expect(bad.errors?.[0]?.message).toContain("promiseDays must be between 1 and 365");
  });

  it("counts today from midnight in the configured business time zone", async () => {
    // Kiritimati is UTC+14 all year: its midnight is 14 hours before the UTC midnight of its local date.
    const offset = 14 * 3_600_000;
    const localDay = Math.floor((Date.now() + offset) / DAY_MS) * DAY_MS;
    const service = new TeamWorkloadService(
      new TeamWorkloadRepository(app.services.pool),
      "Pacific/Kiritimati",
    );
    const t = await service.workload(
      { kind: "user", userId: w.supervisorA.id, role: "SUPERVISOR", teamId: w.teamA.id },
      { promiseDays: 1 },
    );
    expect(t.todayStartsAt).toBe(new Date(localDay - offset).toISOString());
    expect(t.promisesSince).toBe(t.todayStartsAt);
  });
});
