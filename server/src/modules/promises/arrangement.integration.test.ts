import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { arrangementCondition } from "../features/promise-status.js";
import { DEFAULT_POLICY, decide } from "../recommendations/policy.js";

const FIELDS =
  "id loanId kind state totalAmount balanceAtAgreement supersededAt instalments { id amount promisedDate status sequence arrangementId }";
const RECORD = `mutation Record($input: RecordArrangementInput!) { recordArrangement(input: $input) { ${FIELDS} } }`;
const LIST = `query Arrangements($loanId: ID!) { arrangements(loanId: $loanId) { ${FIELDS} } }`;
const LOG = `mutation Log($input: LogPromiseInput!) { logPromiseToPay(input: $input) { id } }`;
const CANCEL = `mutation Cancel($id: ID!, $key: String!) { cancelPromise(promiseId: $id, idempotencyKey: $key) { id } }`;

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

type Who = "agentA" | "agentB" | "supervisorA" | "manager";
interface Arr {
  id: string;
  state: string;
  totalAmount: string;
  supersededAt: string | null;
  instalments: { id: string; amount: string; promisedDate: string; status: string; sequence: number }[];
}

describe("payment arrangements: plans and settlements, tracked like promises", () => {
  let app: TestApp;
  let w: World;
  const tokens = new Map<Who, string>();
  const as = async (who: Who) => {
    if (!tokens.has(who)) tokens.set(who, await login(app, w[who].email, PASSWORD));
    return tokens.get(who) as string;
  };
  const record = async (who: Who, input: Record<string, unknown>) =>
    gql(
      app,
      RECORD,
      { input: { kind: "PAYMENT_PLAN", idempotencyKey: randomUUID(), ...input } },
      await as(who),
    );
  const plan = [
    { amount: "300.00", dueDate: inDays(7) },
    { amount: "300.00", dueDate: inDays(37) },
    { amount: "400", dueDate: inDays(67) },
  ];

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    await app.services.db.loan.updateMany({
      where: { id: { in: [w.loanA1.id, w.loanA2.id, w.loanB.id] } },
      data: { outstandingBalance: "1000.00" },
    });
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("refuses plans that are not usable, naming each wrong instalment and how to fix it", async () => {
    const errors = async (kind: string, instalments: unknown[]) =>
      (await record("agentA", { loanId: w.loanA1.id, kind, instalments })).body.errors?.[0];
    const disorder = await errors("PAYMENT_PLAN", [
      { amount: "100", dueDate: inDays(10) },
      { amount: "100", dueDate: inDays(10) },
      { amount: "100", dueDate: inDays(-2) },
    ]);
    expect(disorder?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(disorder?.message).toContain(
      `instalments.1.dueDate: ${inDays(10)} is not after the previous instalment's ${inDays(10)}: list the dates in increasing order`,
    );
    expect(disorder?.message).toContain(`instalments.2.dueDate: ${inDays(-2)} is in the past`);
    expect((await errors("PAYMENT_PLAN", [{ amount: "100", dueDate: inDays(366) }]))?.message).toContain(
      `instalments.0.dueDate: ${inDays(366)} is more than 365 days ahead: give a day up to ${inDays(365)}`,
    );
    expect(
      (
        await errors("PAYMENT_PLAN", [
          { amount: "600", dueDate: inDays(5) },
          { amount: "400.01", dueDate: inDays(9) },
        ])
      )?.message,
    ).toContain(
      "instalments: they add up to 1000.01, above the loan's outstanding balance of 1000.00: lower the amounts",
    );
    expect((await errors("SETTLEMENT", plan))?.message).toContain(
      "instalments: a settlement is one payment, got 3: record a PAYMENT_PLAN for several",
    );
    expect((await errors("PAYMENT_PLAN", [{ amount: "-5", dueDate: "tomorrow" }]))?.message).toMatch(
      /instalments\.0\.amount: amount must be an amount above 0.*instalments\.0\.dueDate: dueDate must be a calendar day/,
    );
    expect((await errors("PAYMENT_PLAN", []))?.message).toContain(
      "instalments: instalments must list at least one",
    );
    expect(await app.services.db.arrangement.count({ where: { loanId: w.loanA1.id } })).toBe(0);
  });

  it("records a plan whose instalments are promises, replacing the pending promise; a retry applies once", async () => {
    const pending = await gql(
      app,
      LOG,
      {
        input: { loanId: w.loanA1.id, amount: "100", promisedDate: inDays(3), idempotencyKey: randomUUID() },
      },
      await as("agentA"),
    );
    const promiseId = (pending.body.data as { logPromiseToPay: { id: string } }).logPromiseToPay.id;
    const input = {
      loanId: w.loanA1.id,
      kind: "PAYMENT_PLAN",
      instalments: plan,
      idempotencyKey: randomUUID(),
    };
    const token = await as("agentA");
    const res = await gql(app, RECORD, { input }, token);
    const retry = await gql(app, RECORD, { input }, token);
    expect(retry.body.data?.recordArrangement).toEqual(res.body.data?.recordArrangement);
    const a = res.body.data?.recordArrangement as Arr;
    expect(a).toMatchObject({
      kind: "PAYMENT_PLAN",
      state: "ON_TRACK",
      totalAmount: "1000.00",
      balanceAtAgreement: "1000.00",
    });
    expect(a.instalments.map((i) => [i.sequence, i.amount, i.promisedDate, i.status])).toEqual([
      [1, "300.00", inDays(7), "PENDING"],
      [2, "300.00", inDays(37), "PENDING"],
      [3, "400.00", inDays(67), "PENDING"],
    ]);
    expect(await app.services.db.arrangement.count({ where: { loanId: w.loanA1.id } })).toBe(1);
    const old = await app.services.db.promiseToPay.findUniqueOrThrow({ where: { id: promiseId } });
    expect(old).toMatchObject({
      status: "CANCELLED",
      cancelReason: "SUPERSEDED",
      supersededById: a.instalments[0]?.id,
    });

    const audits = await app.services.db.auditLog.findMany({
      where: { entityId: a.id, action: "graphql.recordArrangement" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: w.agentA.id,
      entityType: "Arrangement",
      outcome: "SUCCESS",
    });
    expect(audits[0]?.details).toMatchObject({
      before: { arrangements: [], pendingPromises: [promiseId] },
      after: { kind: "PAYMENT_PLAN", totalAmount: "1000.00", superseded: { promises: [promiseId] } },
    });

    // An instalment is changed by a new arrangement, not cancelled on its own.
    const cancel = await gql(app, CANCEL, { id: a.instalments[0]?.id, key: randomUUID() }, token);
    expect(cancel.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(cancel.body.errors?.[0]?.message).toContain(
      "record a new arrangement (recordArrangement) to change it",
    );
  });

  it("replaces the current arrangement with a settlement below the balance", async () => {
    const before = (await gql(app, LIST, { loanId: w.loanA1.id }, await as("supervisorA"))).body.data
      ?.arrangements as Arr[];
    const res = await record("supervisorA", {
      loanId: w.loanA1.id,
      kind: "SETTLEMENT",
      instalments: [{ amount: "650", dueDate: inDays(14) }],
    });
    const settlement = res.body.data?.recordArrangement as Arr;
    expect(settlement).toMatchObject({ kind: "SETTLEMENT", state: "ON_TRACK", totalAmount: "650.00" });
    const list = (await gql(app, LIST, { loanId: w.loanA1.id }, await as("agentA"))).body.data
      ?.arrangements as Arr[];
    expect(list.map((a) => [a.id, a.state])).toEqual([
      [settlement.id, "ON_TRACK"],
      [before[0]?.id, "SUPERSEDED"],
    ]);
    expect(list[1]?.instalments.every((i) => i.status === "CANCELLED")).toBe(true);
  });

  it("hides other teams' loans as not found and shows a kept or broken instalment in the arrangement's state", async () => {
    expect(
      (await record("agentB", { loanId: w.loanA2.id, instalments: plan })).body.errors?.[0]?.extensions?.code,
    ).toBe("NOT_FOUND");
    expect(
      (await gql(app, LIST, { loanId: w.loanA2.id }, await as("agentB"))).body.errors?.[0]?.extensions?.code,
    ).toBe("NOT_FOUND");
    expect(
      (await gql(app, LIST, { loanId: w.loanB.id }, await as("supervisorA"))).body.errors?.[0]?.extensions
        ?.code,
    ).toBe("NOT_FOUND");
    const a = (await record("manager", { loanId: w.loanB.id, instalments: plan.slice(0, 2) })).body.data
      ?.recordArrangement as Arr;
    expect(a.state).toBe("ON_TRACK");

    // As of a portfolio date past the first instalment's grace days, unpaid: the sweep finds it broken.
    const db = app.services.db;
    await db.arrangement.update({
      where: { id: a.id },
      data: { createdAt: new Date("2025-06-01T09:00:00Z") },
    });
    await db.promiseToPay.updateMany({
      where: { arrangementId: a.id },
      data: { createdAt: new Date("2025-06-01T09:00:00Z") },
    });
    await db.promiseToPay.update({
      where: { id: a.instalments[0]?.id },
      data: { promisedDate: new Date("2025-06-10T00:00:00Z") },
    });
    await app.services.promiseSweep.run();
    const after = (await gql(app, LIST, { loanId: w.loanB.id }, await as("agentB"))).body.data
      ?.arrangements as Arr[];
    expect(after[0]).toMatchObject({ id: a.id, state: "BROKEN" });
    expect(after[0]?.instalments.map((i) => i.status)).toEqual(["BROKEN", "PENDING"]);
  });

  it("lets rescoring see the loan's arrangement: on track keeps it on reminders", async () => {
    const a = (await record("agentA", { loanId: w.loanA2.id, instalments: plan.slice(0, 2) })).body.data
      ?.recordArrangement as Arr;
    // Agreed before the portfolio's as-of date (June 30th), instalments after it: on track as of that day.
    const db = app.services.db;
    const agreed = new Date("2025-06-20T09:00:00Z");
    await db.arrangement.update({ where: { id: a.id }, data: { createdAt: agreed } });
    await db.promiseToPay.updateMany({ where: { arrangementId: a.id }, data: { createdAt: agreed } });
    await db.promiseToPay.update({
      where: { id: a.instalments[0]?.id },
      data: { promisedDate: new Date("2025-07-10T00:00:00Z") },
    });
    await db.promiseToPay.update({
      where: { id: a.instalments[1]?.id },
      data: { promisedDate: new Date("2025-08-10T00:00:00Z") },
    });
    const repo = new LoanHistoryRepository(app.services.pool);
    const portfolio = (await repo.portfolio(w.portfolio.name)) as PortfolioRef;
    let condition = "";
    for await (const chunk of repo.stream(portfolio)) {
      const loan = chunk.find((l) => l.loanId === w.loanA2.id);
      if (loan) condition = arrangementCondition(loan.history);
    }
    expect(condition).toBe("ON_TRACK");
    const d = decide(DEFAULT_POLICY, {
      tier: "HIGH",
      bucket: "DPD_30_59",
      promise: "CANCELLED",
      arrangement: "ON_TRACK",
      balance: 1000,
    });
    expect(d.rule.action).toBe("SMS_REMINDER");
  });
});
