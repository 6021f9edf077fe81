import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { heardAtLeast, subscribe } from "../../../test/subscriptions.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const ESC = `id status reason note priority escalatedAt ageMinutes outcome resolutionNote returnedTaskId
  escalatedBy { id displayName } takenBy { id } resolvedBy { id } loan { id borrower { id fullName } }`;
const ESCALATE = `mutation E($input: EscalateCaseInput!) { escalateCase(input: $input) { ${ESC} } }`;
const TAKE = `mutation T($taskId: ID!, $key: String!) { takeEscalation(taskId: $taskId, idempotencyKey: $key) { ${ESC} } }`;
const RESOLVE = `mutation R($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { ${ESC} } }`;
const QUEUE = `query Q($first: Int, $after: String, $status: TaskStatus) {
  escalations(first: $first, after: $after, status: $status) { items: nodes { ${ESC} } pageInfo { endCursor hasNextPage } } }`;
const START = `mutation S($taskId: ID!) { startTask(taskId: $taskId, idempotencyKey: "${randomUUID()}") { id } }`;

type Who = "agentA" | "agentB" | "supervisorA" | "manager" | "manager2";
type Loan = "loanA1" | "loanA2" | "loanB";

describe("escalations: escalate, queue, take, resolve, live", () => {
  let app: TestApp;
  let w: World;
  let manager2: { id: string; email: string };
  const tokens = new Map<string, string>();
  const as = async (who: Who) => {
    const email = who === "manager2" ? manager2.email : w[who].email;
    if (!tokens.has(email)) tokens.set(email, await login(app, email, PASSWORD));
    return tokens.get(email) as string;
  };
  const errorOf = (r: Awaited<ReturnType<typeof gql>>) => r.body.errors?.[0];
  const escalate = async (who: Who, loan: Loan, extra: Record<string, unknown> = {}) =>
    gql(
      app,
      ESCALATE,
      { input: { loanId: w[loan].id, reason: "REFUSED_TO_PAY", idempotencyKey: randomUUID(), ...extra } },
      await as(who),
    );
  const take = async (who: Who, taskId: string, key = randomUUID()) =>
    gql(app, TAKE, { taskId, key }, await as(who));
  const resolve = async (who: Who, input: Record<string, unknown>) =>
    gql(app, RESOLVE, { input: { idempotencyKey: randomUUID(), ...input } }, await as(who));
  const queue = async (who: Who, vars: Record<string, unknown> = {}) => gql(app, QUEUE, vars, await as(who));
  const db = () => app.services.db;

  /** Gives the loan a fresh open agent task (any earlier open task, escalations included, cancelled first). */
  const freshTask = async (loan: Loan, status: "OPEN" | "IN_PROGRESS" = "OPEN") => {
    const owner = loan === "loanB" ? { a: w.agentB.id, t: w.teamB.id } : { a: w.agentA.id, t: w.teamA.id };
    await db().task.updateMany({
      where: { loanId: w[loan].id, status: { in: ["OPEN", "IN_PROGRESS"] } },
      data: { status: "CANCELLED", cancelReason: "DUPLICATE" },
    });
    return db().task.create({
      data: {
        loanId: w[loan].id,
        assigneeId: owner.a,
        teamId: owner.t,
        actionType: "CALL",
        status,
        dueAt: new Date(),
      },
    });
  };
  const escalationOf = async (loan: Loan) => {
    const task = await freshTask(loan);
    const res = await escalate("manager", loan);
    const escalation = res.body.data?.escalateCase as { id: string } | undefined;
    if (!escalation) throw new Error(`escalateCase failed: ${JSON.stringify(res.body.errors)}`);
    return { agentTask: task, id: escalation.id };
  };

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: w.manager.id } });
    manager2 = await db().user.create({
      data: {
        email: `manager2-${w.tag}@test.local`,
        displayName: "manager two",
        role: "MANAGER",
        passwordHash,
      },
    });
  });
  afterAll(async () => {
    await db().auditLog.deleteMany({ where: { actorUserId: manager2.id } });
    await destroyWorld(db(), w);
    await db().user.delete({ where: { id: manager2.id } });
    await app.close();
  });

  it("an agent escalates their loan: the open task is cancelled, the escalation waits unassigned; a retry applies once", async () => {
    const task = await freshTask("loanA1");
    const key = randomUUID();
    const note = "Borrower Mary says her lawyer will call";
    const input = { loanId: w.loanA1.id, reason: "DISPUTE", note, idempotencyKey: key };
    const first = await gql(app, ESCALATE, { input }, await as("agentA"));
    const retry = await gql(app, ESCALATE, { input }, await as("agentA"));
    expect(retry.body).toEqual(first.body);
    const escalation = first.body.data?.escalateCase as Record<string, unknown> & { id: string };
    expect(escalation).toMatchObject({
      status: "OPEN",
      reason: "DISPUTE",
      note,
      takenBy: null,
      escalatedBy: { id: w.agentA.id },
      loan: { id: w.loanA1.id, borrower: { fullName: "Borrower L1" } },
    });
    const stored = await db().task.findUniqueOrThrow({ where: { id: escalation.id } });
    expect(stored).toMatchObject({
      actionType: "ESCALATE_TO_RECOVERY_MANAGER",
      assigneeId: null,
      teamId: w.teamA.id,
      escalatedById: w.agentA.id,
    });
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "ESCALATED",
    });
    const audits = await db().auditLog.findMany({
      where: { action: "graphql.escalateCase", entityId: escalation.id },
    });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]?.details)).not.toContain("Mary");
    expect(audits[0]?.details).toMatchObject({
      before: { loanOpenTask: { id: task.id, status: "OPEN" } },
      after: { status: "OPEN", reason: "DISPUTE", replacedTask: { taskId: task.id, status: "CANCELLED" } },
    });

    const again = await escalate("supervisorA", "loanA1");
    expect(errorOf(again)?.extensions?.code).toBe("CONFLICT");
    expect(errorOf(again)?.message).toBe(
      `Loan ${w.loanA1.id} already has an open escalation (${escalation.id}, waiting for a recovery manager): ` +
        "tell the recovery manager what is new instead of escalating again",
    );
  });

  it("completes started work with outcome ESCALATED", async () => {
    const task = await freshTask("loanA2", "IN_PROGRESS");
    const res = await escalate("supervisorA", "loanA2");
    expect(res.body.data?.escalateCase).toMatchObject({
      status: "OPEN",
      escalatedBy: { id: w.supervisorA.id },
    });
    expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "DONE",
      outcome: "ESCALATED",
      completedById: w.supervisorA.id,
    });
  });

  it.each<[Who, "NOT_FOUND" | "BAD_USER_INPUT"]>([
    ["agentA", "NOT_FOUND"],
    ["supervisorA", "NOT_FOUND"],
  ])("%s cannot escalate another team's loan (%s) and nothing changes", async (who, code) => {
    const task = await freshTask("loanB");
    expect(errorOf(await escalate(who, "loanB"))?.extensions?.code).toBe(code);
    expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("OPEN");
    const bad = await escalate(who, "loanB", { reason: "RECOMMENDED", note: "x".repeat(2001) });
    expect(errorOf(bad)?.message).toContain("reason RECOMMENDED is set by rescoring only");
    expect(errorOf(bad)?.message).toContain("note must be at most 2000 characters");
  });

  it("the queue: managers see every team's, a supervisor their team's, agents are refused; pages by cursor", async () => {
    const b = await escalationOf("loanB");
    const a = await escalationOf("loanA1");
    const ids = (r: Awaited<ReturnType<typeof gql>>) =>
      ((r.body.data?.escalations as { items: { id: string }[] } | undefined)?.items ?? []).map((i) => i.id);
    const all: string[] = [];
    let after: string | null = null;
    // The shared test database holds every other file's escalations too (rescoring escalates loans in default
    // unlikely to pay): page through all of them.
    for (let page = 0; page < 1000; page++) {
      const res = await queue("manager", { first: 7, after });
      all.push(...ids(res));
      const p = (
        res.body.data as { escalations: { pageInfo: { endCursor: string | null; hasNextPage: boolean } } }
      ).escalations.pageInfo;
      if (!p.hasNextPage) break;
      after = p.endCursor;
    }
    expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(all).size).toBe(all.length);
    const team = ids(await queue("supervisorA", { first: 100 }));
    expect(team).toContain(a.id);
    expect(team).not.toContain(b.id);
    expect(errorOf(await queue("agentA"))?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(await queue("manager", { after: "nonsense" }))?.message).toContain(
      "after must be the endCursor of an earlier page",
    );
  });

  it("a manager takes an escalation; others cannot, and the task lifecycle mutations refuse it", async () => {
    const { id } = await escalationOf("loanB");
    expect(errorOf(await take("supervisorA", id))?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(await take("agentB", id))?.extensions?.code).toBe("FORBIDDEN");
    const key = randomUUID();
    const taken = await take("manager", id, key);
    expect(taken.body.data?.takeEscalation).toMatchObject({
      status: "IN_PROGRESS",
      takenBy: { id: w.manager.id },
    });
    expect((await take("manager", id, key)).body).toEqual(taken.body);
    const late = await take("manager2", id);
    expect(errorOf(late)?.extensions?.code).toBe("CONFLICT");
    expect(errorOf(late)?.message).toBe(`Escalation ${id} was already taken by manager`);
    expect(
      await db().auditLog.count({
        where: { action: "graphql.takeEscalation", entityId: id, outcome: "SUCCESS" },
      }),
    ).toBe(1);
    const start = await gql(app, START, { taskId: id }, await as("manager"));
    expect(errorOf(start)?.message).toContain("is an escalation: a recovery manager takes it");
    expect(errorOf(await take("manager", randomUUID()))?.extensions?.code).toBe("NOT_FOUND");
  });

  it("returned to an agent: the escalation is DONE and the agent gets a new task with the note", async () => {
    const { id } = await escalationOf("loanA1");
    const early = await resolve("manager", { taskId: id, outcome: "ARRANGEMENT_AGREED" });
    expect(errorOf(early)?.message).toContain("take it first (takeEscalation)");
    await take("manager", id);
    const missing = await resolve("manager", { taskId: id, outcome: "RETURNED_TO_AGENT" });
    expect(errorOf(missing)?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(errorOf(missing)?.message).toContain("returnToAgentId: name the agent");
    const misplaced = await resolve("manager", {
      taskId: id,
      outcome: "WRITTEN_OFF",
      returnToAgentId: w.agentA.id,
    });
    expect(errorOf(misplaced)?.message).toContain("returnToAgentId: only for outcome RETURNED_TO_AGENT");
    const toManager = await resolve("manager", {
      taskId: id,
      outcome: "RETURNED_TO_AGENT",
      returnToAgentId: manager2.id,
      note: "n",
    });
    expect(errorOf(toManager)?.message).toContain("is not an active agent of a team");
    expect(
      errorOf(await resolve("supervisorA", { taskId: id, outcome: "ARRANGEMENT_AGREED" }))?.extensions?.code,
    ).toBe("FORBIDDEN");

    const note = "Call Mr Smith on Friday: he agreed to a plan in principle";
    const input = {
      taskId: id,
      outcome: "RETURNED_TO_AGENT",
      returnToAgentId: w.agentA.id,
      note,
      nextAction: "PAYMENT_PLAN",
      nextDueAt: "2026-12-04T09:00:00Z",
      idempotencyKey: randomUUID(),
    };
    const done = await gql(app, RESOLVE, { input }, await as("manager"));
    expect((await gql(app, RESOLVE, { input }, await as("manager"))).body).toEqual(done.body);
    const resolved = done.body.data?.resolveEscalation as { returnedTaskId: string };
    expect(resolved).toMatchObject({
      status: "DONE",
      outcome: "RETURNED_TO_AGENT",
      resolutionNote: note,
      resolvedBy: { id: w.manager.id },
    });
    const next = await db().task.findUniqueOrThrow({ where: { id: resolved.returnedTaskId } });
    expect(next).toMatchObject({
      assigneeId: w.agentA.id,
      teamId: w.teamA.id,
      status: "OPEN",
      actionType: "PAYMENT_PLAN",
      previousTaskId: id,
      handoverNote: note,
    });
    expect(next.dueAt.toISOString()).toBe("2026-12-04T09:00:00.000Z");
    const audits = await db().auditLog.findMany({
      where: { action: "graphql.resolveEscalation", entityId: id, outcome: "SUCCESS" },
    });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]?.details)).not.toContain("Smith");
    expect(audits[0]?.details).toMatchObject({
      before: { status: "IN_PROGRESS" },
      after: { status: "DONE", outcome: "RETURNED_TO_AGENT", returnedTaskId: next.id, loanHandoff: null },
    });
    // The agent sees the returned task and the note.
    const mine = await gql(
      app,
      "{ myWorklist(first: 100) { nodes { task { id handoverNote previousTaskId } } } }",
      {},
      await as("agentA"),
    );
    const tasks = (mine.body.data as { myWorklist: { nodes: { task: unknown }[] } }).myWorklist.nodes.map(
      (n) => n.task,
    );
    expect(tasks).toContainEqual({ id: next.id, handoverNote: note, previousTaskId: id });
  });

  it("placed with legal puts the borrower under legal hold; written off charges the loan off; neither gets agent work", async () => {
    const legal = await escalationOf("loanA2");
    await take("manager", legal.id);
    const placed = await resolve("manager", { taskId: legal.id, outcome: "PLACED_WITH_LEGAL" });
    expect(placed.body.data?.resolveEscalation).toMatchObject({
      status: "DONE",
      outcome: "PLACED_WITH_LEGAL",
    });
    const loan = await db().loan.findUniqueOrThrow({
      where: { id: w.loanA2.id },
      include: { borrower: true },
    });
    expect(loan).toMatchObject({ handoff: "LEGAL", borrower: { legalHold: true } });

    const off = await escalationOf("loanB");
    await take("manager2", off.id);
    await resolve("manager2", { taskId: off.id, outcome: "WRITTEN_OFF" });
    expect(await db().loan.findUniqueOrThrow({ where: { id: w.loanB.id } })).toMatchObject({
      handoff: "WRITTEN_OFF",
      status: "CHARGED_OFF",
    });
    // Rescoring gives a handed-off loan no task, whatever its recommendation says.
    const { TaskAlignmentRepository } = await import("../tasks/task-alignment.repository.js");
    await db().recommendation.create({
      data: {
        loanId: w.loanB.id,
        policyVersion: "1",
        actionType: "CALL",
        priority: 1,
        dueAt: new Date(),
        rationale: "test",
      },
    });
    const client = await app.services.pool.connect();
    try {
      const needing = await new TaskAlignmentRepository(client).findRecommendationsNeedingTask([
        w.loanB.id,
        w.loanA2.id,
      ]);
      expect(needing).toEqual([]);
    } finally {
      client.release();
    }
  });

  it("escalationCreated reaches managers and the loan's team supervisor, not agents", async () => {
    type Heard = { id: string; reason: string; loan: { id: string } };
    const listen = async (who: Who) =>
      subscribe<Heard>(
        app,
        await as(who),
        "ESCALATION_CREATED",
        "escalationCreated",
        "id reason loan { id }",
      );
    const l = {
      manager: await listen("manager"),
      supervisorA: await listen("supervisorA"),
      agentA: await listen("agentA"),
    };
    await db().loan.update({ where: { id: w.loanA1.id }, data: { handoff: null } });
    const { id } = await escalationOf("loanA1");
    const event = { id, reason: "REFUSED_TO_PAY", loan: { id: w.loanA1.id } };
    expect(await heardAtLeast(l.manager, 1, "the manager")).toEqual([event]);
    expect(await heardAtLeast(l.supervisorA, 1, "supervisor A")).toEqual([event]);
    // No escalation ever reaches an agent, so no later event can show that this one did not: by the time the
    // others heard it, the agent's copy (filtered on the same publish) would have been sent too.
    expect(l.agentA.heard).toEqual([]);
    for (const x of Object.values(l)) await x.client.dispose();
  });
});
