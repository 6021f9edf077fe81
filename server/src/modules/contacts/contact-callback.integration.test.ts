import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUsers, borrowersAtMidday, hoursFromNow, minutesAgo } from "../../../test/contact-fixtures.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { heardAtLeast, subscribe } from "../../../test/subscriptions.js";
import { login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { TaskAlignmentRepository } from "../tasks/task-alignment.repository.js";

const LOG = `mutation Log($input: LogContactInput!) {
  logContact(input: $input) {
    contact { id callbackAt }
    followUp followUpTask { id status actionType priority dueAt assigneeId }
  }
}`;
const START = `mutation Start($taskId: ID!, $key: String!) { startTask(taskId: $taskId, idempotencyKey: $key) { id status } }`;
const COMPLETE = `mutation Complete($input: CompleteTaskInput!) { completeTask(input: $input) { id status } }`;

type Payload = {
  contact: { id: string; callbackAt: string };
  followUp: string | null;
  followUpTask: { id: string; status: string; actionType: string; priority: number; dueAt: string } | null;
};

describe("a callback request becomes the loan's follow-up task, one open task per loan", () => {
  let app: TestApp;
  let w: World;
  let send: ReturnType<typeof asUsers>;

  const openTasks = (loanId: string) =>
    app.services.db.task.findMany({ where: { loanId, status: { in: ["OPEN", "IN_PROGRESS"] } } });
  /** The loan's one open task, freshly made: an unstarted CALL of the loan's agent, priority 3, due long ago. */
  const freshTask = async (loan: World["loanA1"], assigneeId: string, teamId: string) => {
    await app.services.db.task.updateMany({
      where: { loanId: loan.id, status: { in: ["OPEN", "IN_PROGRESS"] } },
      data: { status: "CANCELLED", cancelReason: "DUPLICATE" },
    });
    return app.services.db.task.create({
      data: {
        loanId: loan.id,
        assigneeId,
        teamId,
        actionType: "FIELD_VISIT",
        priority: 3,
        dueAt: new Date("2025-07-01T09:00:00Z"),
      },
    });
  };
  const callback = async (email: string, loanId: string, callbackAt: string) => {
    const res = await send(email, LOG, {
      input: {
        loanId,
        channel: "CALL",
        direction: "INBOUND",
        outcome: "CALLBACK_REQUESTED",
        startedAt: minutesAgo(2),
        durationSeconds: 90,
        callbackAt,
        idempotencyKey: randomUUID(),
      },
    });
    expect(res.body.errors).toBeUndefined();
    return (res.body.data as { logContact: Payload }).logContact;
  };

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    await borrowersAtMidday(app.services.db, w);
    send = asUsers(app);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("brings the loan's unstarted task in line with the callback: a CALL, priority 1, due then", async () => {
    const task = await freshTask(w.loanA1, w.agentA.id, w.teamA.id);
    const callbackAt = hoursFromNow(26);
    const logged = await callback(w.agentA.email, w.loanA1.id, callbackAt);
    expect(logged).toMatchObject({
      followUp: "UPDATED",
      followUpTask: { id: task.id, status: "OPEN", actionType: "CALL", priority: 1, dueAt: callbackAt },
    });
    const open = await openTasks(w.loanA1.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      id: task.id,
      assigneeId: w.agentA.id,
      communicationId: logged.contact.id,
    });
    // The change to the task is part of the contact's audit record.
    const audit = await app.services.db.auditLog.findFirstOrThrow({
      where: { action: "graphql.logContact", entityId: logged.contact.id },
    });
    expect(audit.details).toMatchObject({
      after: { followUp: "aligned", followUpTaskId: task.id, callbackAt },
    });
  });

  it("opens a new task when the loan has none, for the agent who last worked it when a supervisor took the call", async () => {
    await freshTask(w.loanA2, w.agentA.id, w.teamA.id);
    await app.services.db.task.updateMany({
      where: { loanId: w.loanA2.id, status: "OPEN" },
      data: { status: "CANCELLED", cancelReason: "DUPLICATE" },
    });
    const callbackAt = hoursFromNow(3);
    const logged = await callback(w.supervisorA.email, w.loanA2.id, callbackAt);
    expect(logged).toMatchObject({
      followUp: "CREATED",
      followUpTask: {
        status: "OPEN",
        actionType: "CALL",
        priority: 1,
        dueAt: callbackAt,
        assigneeId: w.agentA.id,
      },
    });
    const open = await openTasks(w.loanA2.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ teamId: w.teamA.id, communicationId: logged.contact.id });
  });

  it("tells the agent live of a callback task opened for them, and nobody else", async () => {
    type Heard = { id: string; actionType: string; priority: number; dueAt: string };
    const listen = async (email: string) =>
      subscribe<Heard>(
        app,
        await login(app, email, PASSWORD),
        "TASK_ASSIGNED",
        "taskAssigned",
        "id actionType priority dueAt",
      );
    const agentA = await listen(w.agentA.email);
    const agentB = await listen(w.agentB.email);
    const cancelOpenTasks = (loanId: string) =>
      app.services.db.task.updateMany({
        where: { loanId, status: { in: ["OPEN", "IN_PROGRESS"] } },
        data: { status: "CANCELLED", cancelReason: "DUPLICATE" },
      });
    await cancelOpenTasks(w.loanA2.id);
    const callbackAt = hoursFromNow(4);
    const logged = await callback(w.supervisorA.email, w.loanA2.id, callbackAt);
    expect(logged.followUp).toBe("CREATED");
    expect(await heardAtLeast(agentA, 1, "agent A")).toEqual([
      { id: logged.followUpTask?.id, actionType: "CALL", priority: 1, dueAt: callbackAt },
    ]);
    // Then a callback on agent B's own loan, which they hear: events of one subscription arrive in order, so
    // had they heard agent A's task, it would come first.
    await cancelOpenTasks(w.loanB.id);
    const theirs = await callback(w.manager.email, w.loanB.id, callbackAt);
    expect(theirs.followUp).toBe("CREATED");
    expect((await heardAtLeast(agentB, 1, "agent B")).map((t) => t.id)).toEqual([theirs.followUpTask?.id]);
    for (const l of [agentA, agentB]) await l.client.dispose();
  });

  it("leaves a task in progress alone, and opens the follow-up when its agent completes it", async () => {
    const task = await freshTask(w.loanA1, w.agentA.id, w.teamA.id);
    const started = await send(w.agentA.email, START, { taskId: task.id, key: randomUUID() });
    expect(started.body.data?.startTask).toMatchObject({ status: "IN_PROGRESS" });
    const callbackAt = hoursFromNow(48);
    const logged = await callback(w.agentA.email, w.loanA1.id, callbackAt);
    expect(logged).toMatchObject({
      followUp: "AFTER_OPEN_TASK",
      followUpTask: { id: task.id, status: "IN_PROGRESS", actionType: "FIELD_VISIT", priority: 3 },
    });
    // The started task is not rewritten, and no second open task exists meanwhile.
    expect(await openTasks(w.loanA1.id)).toEqual([
      expect.objectContaining({
        id: task.id,
        status: "IN_PROGRESS",
        actionType: "FIELD_VISIT",
        communicationId: null,
      }),
    ]);

    const done = await send(w.agentA.email, COMPLETE, {
      input: { taskId: task.id, outcome: "CALLBACK_REQUESTED", idempotencyKey: randomUUID() },
    });
    expect(done.body.data?.completeTask).toMatchObject({ status: "DONE" });
    const followUp = await openTasks(w.loanA1.id);
    expect(followUp).toHaveLength(1);
    expect(followUp[0]).toMatchObject({
      status: "OPEN",
      actionType: "CALL",
      priority: 1,
      dueAt: new Date(callbackAt),
      assigneeId: w.agentA.id,
      teamId: w.teamA.id,
      communicationId: logged.contact.id,
    });

    // Completing the follow-up itself does not open it again: the callback is carried out.
    const followUpId = followUp[0]?.id as string;
    await send(w.agentA.email, START, { taskId: followUpId, key: randomUUID() });
    await send(w.agentA.email, COMPLETE, {
      input: { taskId: followUpId, outcome: "PROMISE_TO_PAY", idempotencyKey: randomUUID() },
    });
    expect(await openTasks(w.loanA1.id)).toEqual([]);
  });

  it("shows the task a callback waits for only to those who may see it", async () => {
    // Agent A once worked agent B's loan (a finished task of theirs), so may log on it; B's task is in progress.
    await app.services.db.task.create({
      data: {
        loanId: w.loanB.id,
        assigneeId: w.agentA.id,
        teamId: w.teamA.id,
        actionType: "CALL",
        status: "DONE",
        dueAt: new Date("2025-06-01T09:00:00Z"),
      },
    });
    const task = await freshTask(w.loanB, w.agentB.id, w.teamB.id);
    await send(w.agentB.email, START, { taskId: task.id, key: randomUUID() });
    const byAgentA = await callback(w.agentA.email, w.loanB.id, hoursFromNow(5));
    expect(byAgentA).toMatchObject({ followUp: "AFTER_OPEN_TASK", followUpTask: null });
    const byManager = await callback(w.manager.email, w.loanB.id, hoursFromNow(6));
    expect(byManager).toMatchObject({ followUp: "AFTER_OPEN_TASK", followUpTask: { id: task.id } });
  });

  it("is not rewritten or cancelled by rescoring, whatever the model now recommends", async () => {
    await freshTask(w.loanA2, w.agentA.id, w.teamA.id);
    const callbackAt = hoursFromNow(30);
    const logged = await callback(w.agentA.email, w.loanA2.id, callbackAt);
    expect(logged.followUp).toBe("UPDATED");
    const recommend = (actionType: "SMS_REMINDER" | "FIELD_VISIT") =>
      app.services.db.recommendation.create({
        data: { loanId: w.loanA2.id, actionType, priority: 2, dueAt: new Date(), rationale: "test" },
      });
    const client = await app.services.pool.connect();
    try {
      for (const actionType of ["SMS_REMINDER", "FIELD_VISIT"] as const) {
        await app.services.db.recommendation.updateMany({
          where: { loanId: w.loanA2.id, status: "ACTIVE" },
          data: { status: "SUPERSEDED" },
        });
        await recommend(actionType);
        await new TaskAlignmentRepository(client).syncOpenTasks([w.loanA2.id]);
        expect(await openTasks(w.loanA2.id)).toEqual([
          expect.objectContaining({
            id: logged.followUpTask?.id,
            status: "OPEN",
            actionType: "CALL",
            priority: 1,
            dueAt: new Date(callbackAt),
          }),
        ]);
      }
    } finally {
      client.release();
    }
  });
});
