import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { heardAtLeast, subscribe } from "../../../test/subscriptions.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const FIELDS = "id status outcome note startedAt completedAt";
const START = `mutation Start($taskId: ID!, $key: String!) { startTask(taskId: $taskId, idempotencyKey: $key) { ${FIELDS} } }`;
const COMPLETE = `mutation Complete($input: CompleteTaskInput!) { completeTask(input: $input) { ${FIELDS} } }`;

type Who = "agentA" | "agentB" | "supervisorA" | "manager";
type Whose = "own" | "teammate" | "otherTeam";

describe("task lifecycle: start and complete, per role, idempotent", () => {
  let app: TestApp;
  let w: World;
  let teammate: { id: string; email: string };
  let admin: { id: string; email: string };
  const tokens = new Map<string, string>();

  /** A fresh OPEN task on a loan (its earlier open task cancelled first: one open task per loan). */
  const openTask = async (whose: Whose) => {
    const { loan, assigneeId, teamId } = {
      own: { loan: w.loanA1, assigneeId: w.agentA.id, teamId: w.teamA.id },
      teammate: { loan: w.loanA2, assigneeId: teammate.id, teamId: w.teamA.id },
      otherTeam: { loan: w.loanB, assigneeId: w.agentB.id, teamId: w.teamB.id },
    }[whose];
    const db = app.services.db;
    await db.task.updateMany({
      where: { loanId: loan.id, status: { in: ["OPEN", "IN_PROGRESS"] } },
      data: { status: "CANCELLED", cancelReason: "DUPLICATE" },
    });
    return db.task.create({
      data: {
        loanId: loan.id,
        assigneeId,
        teamId,
        actionType: "CALL",
        dueAt: new Date("2025-07-01T09:00:00Z"),
      },
    });
  };
  const token = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await login(app, email, PASSWORD));
    return tokens.get(email) as string;
  };
  const as = (who: Who | "teammate") => token(who === "teammate" ? teammate.email : w[who].email);
  const start = async (who: Who | "teammate", taskId: string, key: string = randomUUID()) =>
    gql(app, START, { taskId, key }, await as(who));
  const complete = async (
    who: Who | "teammate",
    input: { taskId: string; outcome?: string; note?: string; idempotencyKey?: string },
  ) =>
    gql(
      app,
      COMPLETE,
      { input: { outcome: "PROMISE_TO_PAY", idempotencyKey: randomUUID(), ...input } },
      await as(who),
    );
  const audits = (taskId: string, action: string) =>
    app.services.db.auditLog.findMany({ where: { entityId: taskId, action, outcome: "SUCCESS" } });

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    const { passwordHash } = await app.services.db.user.findUniqueOrThrow({ where: { id: w.agentA.id } });
    teammate = await app.services.db.user.create({
      data: {
        email: `teammate-${w.tag}@test.local`,
        displayName: "teammate",
        role: "AGENT",
        teamId: w.teamA.id,
        passwordHash,
      },
    });
    admin = await app.services.db.user.create({
      data: { email: `admin-${w.tag}@test.local`, displayName: "admin", role: "ADMIN", passwordHash },
    });
  });
  afterAll(async () => {
    await app.services.db.auditLog.deleteMany({ where: { actorUserId: teammate.id } });
    await destroyWorld(app.services.db, w);
    await app.services.db.user.deleteMany({ where: { id: { in: [teammate.id, admin.id] } } });
    await app.close();
  });

  describe.each<[Who, Whose, "allowed" | "NOT_FOUND"]>([
    ["agentA", "own", "allowed"],
    ["agentA", "teammate", "NOT_FOUND"],
    ["agentA", "otherTeam", "NOT_FOUND"],
    ["supervisorA", "teammate", "allowed"],
    ["supervisorA", "otherTeam", "NOT_FOUND"],
    ["manager", "otherTeam", "allowed"],
  ])("%s on a task that is %s's", (who, whose, expected) => {
    it(
      expected === "allowed" ? "starts and completes it" : "finds no such task and changes nothing",
      async () => {
        const task = await openTask(whose);
        const started = await start(who, task.id);
        const completed = await complete(who, { taskId: task.id, outcome: "PAYMENT_PLAN_AGREED" });
        const stored = await app.services.db.task.findUniqueOrThrow({ where: { id: task.id } });
        if (expected === "NOT_FOUND") {
          expect(started.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
          expect(completed.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
          expect(stored).toMatchObject({ status: "OPEN", startedAt: null, outcome: null });
          return;
        }
        expect(started.body.data?.startTask).toMatchObject({
          id: task.id,
          status: "IN_PROGRESS",
          completedAt: null,
        });
        expect(completed.body.data?.completeTask).toMatchObject({
          status: "DONE",
          outcome: "PAYMENT_PLAN_AGREED",
        });
        expect(stored).toMatchObject({ status: "DONE", startedById: w[who].id, completedById: w[who].id });
        expect(stored.startedAt).not.toBeNull();
        expect(stored.completedAt).not.toBeNull();
      },
    );
  });

  it("refuses each step the lifecycle does not allow, naming the task's state", async () => {
    const task = await openTask("own");
    const early = await complete("agentA", { taskId: task.id });
    expect(early.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(early.body.errors?.[0]?.message).toBe(
      `Task ${task.id} is open (not started) and cannot become done: start it first (startTask), then complete it`,
    );
    expect((await start("agentA", task.id)).body.data?.startTask).toMatchObject({ status: "IN_PROGRESS" });
    const twice = await start("agentA", task.id);
    expect(twice.body.errors?.[0]).toMatchObject({ extensions: { code: "CONFLICT", status: "IN_PROGRESS" } });
    expect(twice.body.errors?.[0]?.message).toContain("is in progress");
    await complete("agentA", { taskId: task.id });
    const restart = await start("agentA", task.id);
    expect(restart.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(restart.body.errors?.[0]?.message).toContain(`Task ${task.id} is done`);

    const cancelled = await openTask("own");
    await app.services.db.task.update({
      where: { id: cancelled.id },
      data: { status: "CANCELLED", cancelReason: "AUTOMATED_ACTION" },
    });
    const late = await complete("agentA", { taskId: cancelled.id });
    expect(late.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(late.body.errors?.[0]?.message).toContain(`Task ${cancelled.id} is cancelled`);
    // The refusals are audited as failures; the one start and one completion as changes.
    expect(await audits(task.id, "graphql.startTask")).toHaveLength(1);
    expect(await audits(task.id, "graphql.completeTask")).toHaveLength(1);
  });

  it("validates every field of its input with messages naming the field", async () => {
    const task = await openTask("own");
    const bad = await complete("agentA", {
      taskId: "not-a-uuid",
      note: "x".repeat(2001),
      idempotencyKey: "short",
    });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const message = bad.body.errors?.[0]?.message ?? "";
    expect(message).toContain("taskId must be a task id (UUID)");
    expect(message).toContain("note must be at most 2000 characters");
    expect(message).toContain("idempotencyKey must be 8 to 128 letters");
    const badOutcome = await complete("agentA", { taskId: task.id, outcome: "HAPPY" });
    expect(badOutcome.body.errors?.[0]?.message).toContain(
      'Value "HAPPY" does not exist in "TaskOutcome" enum',
    );
    const badStart = await start("agentA", task.id, "bad key!");
    expect(badStart.body.errors?.[0]?.message).toContain("idempotencyKey must be 8 to 128 letters");
    expect((await app.services.db.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("OPEN");
  });

  it("answers a retry with the same key from the first call: one change, one audit record", async () => {
    const task = await openTask("own");
    const key = randomUUID();
    const first = await start("agentA", task.id, key);
    const retry = await start("agentA", task.id, key);
    expect(first.body.data?.startTask).toMatchObject({ status: "IN_PROGRESS" });
    // Applied again, the start would be refused (the task is in progress): it was answered, not re-run.
    expect(retry.body).toEqual(first.body);
    const records = await audits(task.id, "graphql.startTask");
    expect(records).toHaveLength(1);
    expect(records[0]?.details).toMatchObject({
      before: { status: "OPEN", assigneeId: w.agentA.id },
      after: { status: "IN_PROGRESS", assigneeId: w.agentA.id },
    });

    const note = "Borrower Jane said she gets paid on Friday";
    const input = { taskId: task.id, outcome: "PROMISE_TO_PAY", note, idempotencyKey: randomUUID() };
    const done = await complete("agentA", input);
    expect(done.body.data?.completeTask).toMatchObject({ status: "DONE", note });
    expect((await complete("agentA", input)).body).toEqual(done.body);
    const completions = await audits(task.id, "graphql.completeTask");
    expect(completions).toHaveLength(1);
    // The agent's note is personal data: recorded as present, never as text.
    expect(JSON.stringify(completions[0]?.details)).not.toContain("Jane");
    expect(completions[0]?.details).toMatchObject({
      args: { input: { note: "[free text]" } },
      after: { status: "DONE", outcome: "PROMISE_TO_PAY" },
    });
  });

  it("lets the database decide between two concurrent calls with the same key", async () => {
    const task = await openTask("own");
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => start("agentA", task.id, key)));
    for (const a of answers) expect(a.body).toEqual(answers[0]?.body);
    expect(answers[0]?.body.data?.startTask).toMatchObject({ status: "IN_PROGRESS" });
    expect(await audits(task.id, "graphql.startTask")).toHaveLength(1);
  });

  it("refuses the same key with a different input, and keeps keys per user", async () => {
    const one = await openTask("own");
    const two = await openTask("teammate");
    const key = randomUUID();
    await start("agentA", one.id, key);
    const reused = await start("supervisorA", two.id, key);
    // Another user's key is theirs alone: the supervisor's call runs.
    expect(reused.body.data?.startTask).toMatchObject({ id: two.id, status: "IN_PROGRESS" });
    await complete("supervisorA", { taskId: two.id, idempotencyKey: randomUUID() });
    expect((await app.services.db.task.findUniqueOrThrow({ where: { id: one.id } })).status).toBe(
      "IN_PROGRESS",
    );
    const three = await openTask("own");
    const clash = await start("agentA", three.id, key);
    expect(clash.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(clash.body.errors?.[0]?.message).toContain(
      `idempotencyKey "${key}" was already used for a different request`,
    );
    const otherOperation = await complete("agentA", { taskId: one.id, idempotencyKey: key });
    expect(otherOperation.body.errors?.[0]?.message).toContain("(startTask)");
    expect((await app.services.db.task.findUniqueOrThrow({ where: { id: three.id } })).status).toBe("OPEN");
  });

  it("publishes taskUpdated only to those who may see the task", async () => {
    type Heard = { id: string; status: string; assigneeId: string };
    const listen = async (email: string) =>
      subscribe<Heard>(app, await token(email), "TASK_UPDATED", "taskUpdated", "id status assigneeId");
    const listeners = {
      assignee: await listen(teammate.email),
      supervisor: await listen(w.supervisorA.email),
      manager: await listen(w.manager.email),
      admin: await listen(admin.email),
      otherAgentSameTeam: await listen(w.agentA.email),
      otherTeamAgent: await listen(w.agentB.email),
    };
    const task = await openTask("teammate");
    expect((await start("supervisorA", task.id)).body.data?.startTask).toMatchObject({
      status: "IN_PROGRESS",
    });
    const event = { id: task.id, status: "IN_PROGRESS", assigneeId: teammate.id };
    expect(await heardAtLeast(listeners.assignee, 1, "the assignee")).toEqual([event]);
    // The two agents who may not see it each start a task of their own afterwards: events of one subscription
    // arrive in order, so once they hear their own, they would already have heard the teammate's.
    const own = await openTask("own");
    const otherTeam = await openTask("otherTeam");
    expect((await start("agentA", own.id)).body.errors).toBeUndefined();
    expect((await start("agentB", otherTeam.id)).body.errors).toBeUndefined();
    const ownEvent = { id: own.id, status: "IN_PROGRESS", assigneeId: w.agentA.id };
    const otherTeamEvent = { id: otherTeam.id, status: "IN_PROGRESS", assigneeId: w.agentB.id };
    expect(await heardAtLeast(listeners.supervisor, 2, "supervisor A")).toEqual([event, ownEvent]);
    expect(await heardAtLeast(listeners.manager, 3, "the manager")).toEqual([
      event,
      ownEvent,
      otherTeamEvent,
    ]);
    expect(await heardAtLeast(listeners.otherAgentSameTeam, 1, "agent A")).toEqual([ownEvent]);
    expect(await heardAtLeast(listeners.otherTeamAgent, 1, "agent B")).toEqual([otherTeamEvent]);
    for (const l of Object.values(listeners)) await l.client.dispose();
  });

  it("keeps at most one open task per loan in the database, whoever writes it", async () => {
    const task = await openTask("own");
    const second = {
      loanId: task.loanId,
      assigneeId: w.agentA.id,
      actionType: "FIELD_VISIT" as const,
      dueAt: new Date("2025-07-02T09:00:00Z"),
    };
    await expect(app.services.db.task.create({ data: second })).rejects.toThrow(/Unique constraint/);
    await expect(app.services.db.task.create({ data: { ...second, status: "IN_PROGRESS" } })).rejects.toThrow(
      /Unique constraint/,
    );
    // Finished work does not count: a loan keeps its history.
    await app.services.db.task.create({ data: { ...second, status: "DONE", outcome: "NO_CONTACT" } });
    expect(
      await app.services.db.task.count({
        where: { loanId: task.loanId, status: { in: ["OPEN", "IN_PROGRESS"] } },
      }),
    ).toBe(1);
  });
});
