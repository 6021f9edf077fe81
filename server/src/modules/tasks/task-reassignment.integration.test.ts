import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { heardAtLeast, subscribe } from "../../../test/subscriptions.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const REASSIGN = `mutation R($input: ReassignTasksInput!) { reassignTasks(input: $input) { id assigneeId status } }`;
const ASSIGN = `mutation A($input: AssignTaskInput!) { assignTask(input: $input) { id assigneeId } }`;
const START = `mutation S($taskId: ID!, $key: String!) { startTask(taskId: $taskId, idempotencyKey: $key) { id } }`;

interface Heard {
  id: string;
  assigneeId: string | null;
  status: string;
}

type Who = "agentA" | "supervisorA" | "manager";

describe("reassignTasks: bulk, all or nothing", () => {
  let app: TestApp;
  let w: World;
  let teammate: { id: string; email: string };
  let retired: { id: string };
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await login(app, email, PASSWORD));
    return tokens.get(email) as string;
  };
  const db = () => app.services.db;
  const reassign = async (who: Who, taskIds: string[], assigneeId: string, key = randomUUID()) =>
    gql(app, REASSIGN, { input: { taskIds, assigneeId, idempotencyKey: key } }, await as(w[who].email));
  /** Fresh open tasks on the world's loans (earlier open ones cancelled: one open task per loan). */
  const fresh = async () => {
    await db().task.updateMany({
      where: { loan: { portfolioId: w.portfolio.id }, status: { in: ["OPEN", "IN_PROGRESS"] } },
      data: { status: "CANCELLED", cancelReason: "DUPLICATE" },
    });
    const make = (loanId: string, assigneeId: string, teamId: string) =>
      db().task.create({ data: { loanId, assigneeId, teamId, actionType: "CALL", dueAt: new Date() } });
    return {
      a1: await make(w.loanA1.id, w.agentA.id, w.teamA.id),
      a2: await make(w.loanA2.id, w.agentA.id, w.teamA.id),
      b: await make(w.loanB.id, w.agentB.id, w.teamB.id),
    };
  };
  /** What `email`'s socket hears of one subscription field, as their open portal would. */
  const listen = async <T>(email: string, topic: "TASK_ASSIGNED" | "TASK_UPDATED", selection: string) =>
    subscribe<T>(
      app,
      await as(email),
      topic,
      topic === "TASK_ASSIGNED" ? "taskAssigned" : "taskUpdated",
      selection,
    );
  const assignees = async (ids: string[]) =>
    (await db().task.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map(
      (t) => t.assigneeId,
    );

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(db());
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: w.agentA.id } });
    const agent = (name: string, active: boolean) =>
      db().user.create({
        data: {
          email: `${name}-${w.tag}@test.local`,
          displayName: name,
          role: "AGENT",
          teamId: w.teamA.id,
          passwordHash,
          active,
        },
      });
    teammate = await agent("teammate", true);
    retired = await agent("retired", false);
  });
  afterAll(async () => {
    await db().auditLog.deleteMany({ where: { entityId: { in: [teammate.id, retired.id] } } });
    await destroyWorld(db(), w);
    await db().user.deleteMany({ where: { id: { in: [teammate.id, retired.id] } } });
    await app.close();
  });

  it("a supervisor moves their team's tasks to a teammate; the agent hears of each; a retry applies once", async () => {
    const t = await fresh();
    const teammateHears = await listen<{ id: string }>(teammate.email, "TASK_ASSIGNED", "id");
    const key = randomUUID();
    const first = await reassign("supervisorA", [t.a1.id, t.a2.id], teammate.id, key);
    const retry = await reassign("supervisorA", [t.a1.id, t.a2.id], teammate.id, key);
    expect(retry.body).toEqual(first.body);
    expect(first.body.data?.reassignTasks).toEqual([
      { id: t.a1.id, assigneeId: teammate.id, status: "OPEN" },
      { id: t.a2.id, assigneeId: teammate.id, status: "OPEN" },
    ]);
    const heard = await heardAtLeast(teammateHears, 2, "the teammate");
    expect(heard.map((e) => e.id).sort()).toEqual([t.a1.id, t.a2.id].sort());
    await teammateHears.client.dispose();
    const audits = await db().auditLog.findMany({
      where: { action: "graphql.reassignTasks", entityId: { in: [t.a1.id, t.a2.id] }, outcome: "SUCCESS" },
    });
    expect(audits).toHaveLength(2);
    for (const a of audits) {
      expect(a.details).toMatchObject({
        before: { assigneeId: w.agentA.id },
        after: { assigneeId: teammate.id },
      });
    }
  });

  it("tells the agent a task was taken from that it left them, and nothing of it afterwards", async () => {
    const t = await fresh();
    // Each agent's taskUpdated events, as their open worklist hears them.
    const agentA = await listen<Heard>(w.agentA.email, "TASK_UPDATED", "id assigneeId status");
    const agentB = await listen<Heard>(w.agentB.email, "TASK_UPDATED", "id assigneeId status");
    // Within team A by the supervisor (one task), across teams by a manager (in bulk).
    const one = await gql(
      app,
      ASSIGN,
      { input: { taskId: t.a1.id, assigneeId: teammate.id, idempotencyKey: randomUUID() } },
      await as(w.supervisorA.email),
    );
    expect(one.body.errors).toBeUndefined();
    expect((await reassign("manager", [t.b.id], teammate.id)).body.errors).toBeUndefined();
    // Now the teammate's: its former agent hears nothing more of it.
    const started = await gql(app, START, { taskId: t.b.id, key: randomUUID() }, await as(teammate.email));
    expect(started.body.errors).toBeUndefined();
    // Then agent A's other task goes to agent B, which both hear: events of one subscription arrive in order,
    // so anything they heard of the steps before came first.
    expect((await reassign("manager", [t.a2.id], w.agentB.id)).body.errors).toBeUndefined();
    // Each hears only of their own task leaving, without whose it became.
    expect(await heardAtLeast(agentA, 2, "agent A")).toEqual([
      { id: t.a1.id, assigneeId: null, status: "OPEN" },
      { id: t.a2.id, assigneeId: null, status: "OPEN" },
    ]);
    expect(await heardAtLeast(agentB, 2, "agent B")).toEqual([
      { id: t.b.id, assigneeId: null, status: "OPEN" },
      { id: t.a2.id, assigneeId: w.agentB.id, status: "OPEN" },
    ]);
    await Promise.all([agentA.client.dispose(), agentB.client.dispose()]);
  });

  it("moves nothing when any task may not move, listing each one", async () => {
    const t = await fresh();
    await db().task.update({ where: { id: t.a2.id }, data: { status: "DONE", outcome: "NO_CONTACT" } });
    const res = await reassign("supervisorA", [t.a1.id, t.a2.id, t.b.id], teammate.id);
    const error = res.body.errors?.[0] as { message: string; extensions: Record<string, unknown> };
    expect(error.extensions.code).toBe("CONFLICT");
    expect(error.extensions.taskErrors).toEqual([
      {
        taskId: t.a2.id,
        code: "CONFLICT",
        message: `Task ${t.a2.id} is done: finished work is not reassigned`,
      },
      // Another team's task looks absent to a supervisor.
      { taskId: t.b.id, code: "NOT_FOUND", message: `Task ${t.b.id} not found` },
    ]);
    expect(error.message).toContain("No task was reassigned");
    expect(await assignees([t.a1.id])).toEqual([w.agentA.id]);
    const unseen = await reassign("supervisorA", [t.b.id], teammate.id);
    expect(unseen.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses inactive agents, and a supervisor giving work outside the team; agents may not reassign", async () => {
    const t = await fresh();
    const inactive = await reassign("manager", [t.a1.id], retired.id);
    expect(inactive.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(inactive.body.errors?.[0]?.message).toContain(
      `assigneeId: user ${retired.id} is not an active agent`,
    );
    const outside = await reassign("supervisorA", [t.a1.id], w.agentB.id);
    expect(outside.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const agent = await reassign("agentA", [t.a1.id], teammate.id);
    expect(agent.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await assignees([t.a1.id])).toEqual([w.agentA.id]);
    // A manager moves any team's work, and the task takes its new agent's team.
    const moved = await reassign("manager", [t.b.id, t.a1.id], teammate.id);
    expect(moved.body.errors).toBeUndefined();
    expect((await db().task.findUniqueOrThrow({ where: { id: t.b.id } })).teamId).toBe(w.teamA.id);
  });

  it("validates its input field by field", async () => {
    const res = await gql(
      app,
      REASSIGN,
      { input: { taskIds: ["x", "x"], assigneeId: "nope", idempotencyKey: "bad" } },
      await as(w.manager.email),
    );
    const message = res.body.errors?.[0]?.message ?? "";
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(message).toContain("taskIds must not repeat a task");
    expect(message).toContain("taskIds must all be task ids (UUID)");
    expect(message).toContain("assigneeId must be a user id (UUID)");
    expect(message).toContain("idempotencyKey must be 8 to 128");
    const empty = await gql(
      app,
      REASSIGN,
      { input: { taskIds: [], assigneeId: teammate.id, idempotencyKey: randomUUID() } },
      await as(w.manager.email),
    );
    expect(empty.body.errors?.[0]?.message).toContain("taskIds must name at least one task");
  });
});
