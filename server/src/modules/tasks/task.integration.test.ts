import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { heardAtLeast, subscribe } from "../../../test/subscriptions.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const ASSIGN = `mutation Assign($input: AssignTaskInput!) { assignTask(input: $input) { id assigneeId status } }`;
const MY_WORKLIST =
  "{ myWorklist { edges { node { task { id actionType priority } loan { externalKey borrower { fullName } } } } } }";

describe("tasks: worklist, assignment and live notification", () => {
  let app: TestApp;
  let w: World;
  let taskOfLoanA1: string;
  let agentA2: { id: string; email: string };

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    const task = await app.services.db.task.findFirstOrThrow({ where: { loanId: w.loanA1.id } });
    taskOfLoanA1 = task.id;
    agentA2 = await app.services.db.user.create({
      data: {
        email: `agent-a2-${w.tag}@test.local`,
        displayName: "agent-a2",
        role: "AGENT",
        teamId: w.teamA.id,
        passwordHash: (await app.services.db.user.findUniqueOrThrow({ where: { id: w.agentA.id } }))
          .passwordHash,
      },
    });
  });
  afterAll(async () => {
    await app.services.db.auditLog.deleteMany({ where: { actorUserId: agentA2.id } });
    await destroyWorld(app.services.db, w);
    await app.services.db.user.delete({ where: { id: agentA2.id } });
    await app.close();
  });

  it("gives an agent their own open tasks with each task's loan", async () => {
    const res = await gql(app, MY_WORKLIST, {}, await login(app, w.agentA.email, PASSWORD));
    const page = res.body.data?.myWorklist as { edges: { node: { loan: { externalKey: string } } }[] };
    expect(page.edges.map((e) => e.node.loan.externalKey).sort()).toEqual([`L1-${w.tag}`, `L2-${w.tag}`]);
  });

  it("does not let an agent assign work", async () => {
    const token = await login(app, w.agentA.email, PASSWORD);
    const res = await gql(
      app,
      ASSIGN,
      { input: { taskId: taskOfLoanA1, assigneeId: w.agentB.id, idempotencyKey: randomUUID() } },
      token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const audit = await app.services.db.auditLog.findFirst({
      where: { action: "graphql.assignTask", actorUserId: w.agentA.id },
    });
    expect(audit?.outcome).toBe("DENIED");
  });

  it("does not let a supervisor give work to another team's agent", async () => {
    const token = await login(app, w.supervisorA.email, PASSWORD);
    const res = await gql(
      app,
      ASSIGN,
      { input: { taskId: taskOfLoanA1, assigneeId: w.agentB.id, idempotencyKey: randomUUID() } },
      token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const loanBTask = await app.services.db.task.findFirstOrThrow({ where: { loanId: w.loanB.id } });
    const other = await gql(
      app,
      ASSIGN,
      { input: { taskId: loanBTask.id, assigneeId: w.agentA.id, idempotencyKey: randomUUID() } },
      token,
    );
    expect(other.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("rejects ids that are not UUIDs with a message naming the field", async () => {
    const token = await login(app, w.supervisorA.email, PASSWORD);
    const res = await gql(
      app,
      ASSIGN,
      { input: { taskId: "x", assigneeId: w.agentA.id, idempotencyKey: "k" } },
      token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0]?.message).toContain("taskId: taskId must be a task id (UUID)");
    expect(res.body.errors?.[0]?.message).toContain("idempotencyKey: idempotencyKey must be 8 to 128");
  });

  it("pushes a reassigned task to the new agent's subscription only, and audits the assignment", async () => {
    type Heard = { id: string; assigneeId: string; loan: { externalKey: string } };
    const listen = async (email: string) =>
      subscribe<Heard>(
        app,
        await login(app, email, PASSWORD),
        "TASK_ASSIGNED",
        "taskAssigned",
        "id assigneeId loan { externalKey }",
      );
    const newAgent = await listen(agentA2.email);
    const oldAgent = await listen(w.agentA.email);

    const token = await login(app, w.supervisorA.email, PASSWORD);
    const input = { taskId: taskOfLoanA1, assigneeId: agentA2.id, idempotencyKey: randomUUID() };
    const res = await gql(app, ASSIGN, { input }, token);
    expect(res.body.data?.assignTask).toEqual({ id: taskOfLoanA1, assigneeId: agentA2.id, status: "OPEN" });
    // A mobile client's retry of the same request: the same answer, no second assignment or notification.
    const retry = await gql(app, ASSIGN, { input }, token);
    expect(retry.body.data?.assignTask).toEqual(res.body.data?.assignTask);

    const loan = { externalKey: `L1-${w.tag}` };
    expect(await heardAtLeast(newAgent, 1, "the new agent")).toEqual([
      { id: taskOfLoanA1, assigneeId: agentA2.id, loan },
    ]);
    // Handed back, the task reaches the old agent: events of one subscription arrive in order, so had the
    // first assignment reached them, it would be heard before this one.
    const back = { taskId: taskOfLoanA1, assigneeId: w.agentA.id, idempotencyKey: randomUUID() };
    expect((await gql(app, ASSIGN, { input: back }, token)).body.errors).toBeUndefined();
    expect(await heardAtLeast(oldAgent, 1, "the old agent, of the task handed back")).toEqual([
      { id: taskOfLoanA1, assigneeId: w.agentA.id, loan },
    ]);
    expect(newAgent.heard).toHaveLength(1);
    await newAgent.client.dispose();
    await oldAgent.client.dispose();

    const audits = await app.services.db.auditLog.findMany({
      where: {
        action: "graphql.assignTask",
        actorUserId: w.supervisorA.id,
        outcome: "SUCCESS",
        details: { path: ["after", "assigneeId"], equals: agentA2.id },
      },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: "Task", entityId: taskOfLoanA1 });
    expect(audits[0]?.details).toMatchObject({
      args: { input: { taskId: taskOfLoanA1, assigneeId: agentA2.id } },
      before: { status: "OPEN", assigneeId: w.agentA.id, teamId: w.teamA.id },
      after: { status: "OPEN", assigneeId: agentA2.id, teamId: w.teamA.id },
    });
  });
});
