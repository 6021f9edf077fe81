import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const FIELDS = "id loanId amount promisedDate status cancelReason supersededById communicationId loggedById";
const LOG = `mutation Log($input: LogPromiseInput!) { logPromiseToPay(input: $input) { ${FIELDS} } }`;
const CANCEL = `mutation Cancel($id: ID!, $key: String!) { cancelPromise(promiseId: $id, idempotencyKey: $key) { ${FIELDS} } }`;
const LIST = `query List($filter: PromiseFilter, $first: Int, $after: String) {
  promises(filter: $filter, first: $first, after: $after) { nodes { id loanId promisedDate status loan { externalKey } } pageInfo { endCursor hasNextPage } } }`;

/** A calendar day `n` days from today (UTC), as promises are dated. */
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

type Who = "agentA" | "agentB" | "supervisorA" | "manager";

describe("promises to pay: log, supersede, cancel, list", () => {
  let app: TestApp;
  let w: World;
  let reference: { portfolioId: string; loanId: string };
  const tokens = new Map<Who, string>();
  const as = async (who: Who) => {
    if (!tokens.has(who)) tokens.set(who, await login(app, w[who].email, PASSWORD));
    return tokens.get(who) as string;
  };
  const log = async (who: Who, input: Record<string, unknown>) =>
    gql(
      app,
      LOG,
      { input: { amount: "150.00", promisedDate: inDays(7), idempotencyKey: randomUUID(), ...input } },
      await as(who),
    );
  const list = async (who: Who, vars: Record<string, unknown> = {}) =>
    gql(app, LIST, { first: 50, ...vars }, await as(who));

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    const db = app.services.db;
    await db.loan.updateMany({
      where: { id: { in: [w.loanA1.id, w.loanA2.id, w.loanB.id] } },
      data: { outstandingBalance: "1000.00" },
    });
    // A reference portfolio's loan, even with a task of agent A: never worked, never listed.
    const p = await db.portfolio.create({
      data: {
        name: `R-${w.tag}`,
        source: "test",
        kind: "REFERENCE",
        asOfDate: new Date("2025-06-30T00:00:00Z"),
      },
    });
    const b = await db.borrower.create({ data: { portfolioId: p.id, externalKey: `RB-${w.tag}` } });
    const l = await db.loan.create({
      data: {
        portfolioId: p.id,
        borrowerId: b.id,
        externalKey: `RL-${w.tag}`,
        productType: "INSTALMENT",
        outstandingBalance: "500",
      },
    });
    await db.task.create({
      data: {
        loanId: l.id,
        assigneeId: w.agentA.id,
        teamId: w.teamA.id,
        actionType: "CALL",
        dueAt: new Date(),
      },
    });
    await db.promiseToPay.create({
      data: {
        loanId: l.id,
        borrowerId: b.id,
        amount: "10",
        promisedDate: new Date(`${inDays(3)}T00:00:00Z`),
      },
    });
    reference = { portfolioId: p.id, loanId: l.id };
  });
  afterAll(async () => {
    await app.services.db.portfolio.delete({ where: { id: reference.portfolioId } });
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("records a promise on the agent's own loan, linked to the contact it came from, and audits it", async () => {
    const contact = await app.services.db.communication.create({
      data: {
        borrowerId: w.loanA1.borrowerId,
        loanId: w.loanA1.id,
        channel: "CALL",
        outcome: "PROMISE_TO_PAY",
        startedAt: new Date(),
      },
    });
    const res = await log("agentA", { loanId: w.loanA1.id, amount: "150.5", communicationId: contact.id });
    const promise = res.body.data?.logPromiseToPay as Record<string, unknown>;
    expect(promise).toMatchObject({
      loanId: w.loanA1.id,
      amount: "150.50",
      promisedDate: inDays(7),
      status: "PENDING",
      communicationId: contact.id,
      loggedById: w.agentA.id,
    });
    const audit = await app.services.db.auditLog.findFirstOrThrow({
      where: { action: "graphql.logPromiseToPay", entityId: promise.id as string, outcome: "SUCCESS" },
    });
    expect(audit).toMatchObject({ actorUserId: w.agentA.id, entityType: "PromiseToPay" });
    expect(audit.details).toMatchObject({
      before: { pendingPromises: [] },
      after: { amount: "150.50", status: "PENDING", communicationId: contact.id, superseded: [] },
    });
  });

  it("refuses a bad amount or date with a message naming the field and how to fix it", async () => {
    const bad = async (input: Record<string, unknown>) =>
      (await log("agentA", { loanId: w.loanA2.id, ...input })).body.errors?.[0];
    const zero = await bad({ amount: "0.00" });
    expect(zero?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(zero?.message).toContain(
      'amount: amount must be an amount above 0, at most 999999999999.99, with at most two decimals and no leading zeros, as a string such as "150.00"',
    );
    expect((await bad({ amount: "10.123" }))?.message).toContain("at most two decimals");
    expect((await bad({ promisedDate: "2026-02-30" }))?.message).toContain(
      "promisedDate: promisedDate must be a calendar day written YYYY-MM-DD",
    );
    expect((await bad({ promisedDate: inDays(-1) }))?.message).toContain(
      `promisedDate: ${inDays(-1)} is in the past: give today (${inDays(0)}) or a later day`,
    );
    expect((await bad({ promisedDate: inDays(31) }))?.message).toContain(
      `promisedDate: ${inDays(31)} is more than 30 days ahead: give a day up to ${inDays(30)}`,
    );
    expect((await bad({ amount: "1000.01" }))?.message).toContain(
      "amount: 1000.01 is above the loan's outstanding balance of 1000.00: promise at most the balance",
    );
    const otherBorrower = await app.services.db.communication.create({
      data: {
        borrowerId: w.loanB.borrowerId,
        channel: "CALL",
        outcome: "PROMISE_TO_PAY",
        startedAt: new Date(),
      },
    });
    expect((await bad({ communicationId: otherBorrower.id }))?.message).toContain(
      `communicationId: ${otherBorrower.id} is not a contact with this loan's borrower`,
    );
    // Nothing of it was stored; the whole balance and today are fine.
    expect(await app.services.db.promiseToPay.count({ where: { loanId: w.loanA2.id } })).toBe(0);
    expect(
      (await log("agentA", { loanId: w.loanA2.id, amount: "1000", promisedDate: inDays(0) })).body.errors,
    ).toBeUndefined();
  });

  it("replaces the loan's pending promise, recording why and by which promise", async () => {
    const first = (await log("agentA", { loanId: w.loanA1.id, amount: "100" })).body.data
      ?.logPromiseToPay as { id: string };
    const second = (
      await log("supervisorA", { loanId: w.loanA1.id, amount: "200", promisedDate: inDays(10) })
    ).body.data?.logPromiseToPay as { id: string };
    const rows = await app.services.db.promiseToPay.findMany({
      where: { loanId: w.loanA1.id, status: "PENDING" },
    });
    expect(rows.map((r) => r.id)).toEqual([second.id]);
    const old = await app.services.db.promiseToPay.findUniqueOrThrow({ where: { id: first.id } });
    expect(old).toMatchObject({
      status: "CANCELLED",
      cancelReason: "SUPERSEDED",
      supersededById: second.id,
      cancelledById: w.supervisorA.id,
    });
    expect(old.resolvedAt).not.toBeNull();
    const audit = await app.services.db.auditLog.findFirstOrThrow({
      where: { entityId: second.id, action: "graphql.logPromiseToPay" },
    });
    expect(audit.details).toMatchObject({
      before: { pendingPromises: [{ id: first.id, status: "PENDING" }] },
      after: { superseded: [first.id] },
    });
  });

  it("applies a retried call once, and refuses the same key for another promise", async () => {
    const input = {
      loanId: w.loanA2.id,
      amount: "42.00",
      promisedDate: inDays(5),
      idempotencyKey: randomUUID(),
    };
    const token = await as("agentA");
    const first = await gql(app, LOG, { input }, token);
    const retry = await gql(app, LOG, { input }, token);
    expect(retry.body.data?.logPromiseToPay).toEqual(first.body.data?.logPromiseToPay);
    const id = (first.body.data as { logPromiseToPay: { id: string } }).logPromiseToPay.id;
    expect(
      await app.services.db.promiseToPay.count({ where: { loanId: w.loanA2.id, amount: "42.00" } }),
    ).toBe(1);
    expect(
      await app.services.db.auditLog.count({ where: { entityId: id, action: "graphql.logPromiseToPay" } }),
    ).toBe(1);
    const other = await gql(app, LOG, { input: { ...input, amount: "43.00" } }, token);
    expect(other.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("hides other teams' loans and reference portfolios as not found; managers record on any worked loan", async () => {
    expect((await log("agentA", { loanId: w.loanB.id })).body.errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect((await log("supervisorA", { loanId: w.loanB.id })).body.errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect((await log("agentB", { loanId: w.loanA1.id })).body.errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect((await log("agentA", { loanId: reference.loanId })).body.errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect((await log("manager", { loanId: reference.loanId })).body.errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    const res = await log("manager", { loanId: w.loanB.id, amount: "75" });
    expect(res.body.data?.logPromiseToPay).toMatchObject({
      loanId: w.loanB.id,
      status: "PENDING",
      loggedById: w.manager.id,
    });
  });

  it("cancels a pending promise once, within the caller's scope, and audits before and after", async () => {
    const p = (await log("agentA", { loanId: w.loanA2.id, amount: "60" })).body.data?.logPromiseToPay as {
      id: string;
    };
    const other = await gql(app, CANCEL, { id: p.id, key: randomUUID() }, await as("agentB"));
    expect(other.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const key = randomUUID();
    const res = await gql(app, CANCEL, { id: p.id, key }, await as("supervisorA"));
    expect(res.body.data?.cancelPromise).toMatchObject({
      id: p.id,
      status: "CANCELLED",
      cancelReason: "WITHDRAWN",
    });
    const retry = await gql(app, CANCEL, { id: p.id, key }, await as("supervisorA"));
    expect(retry.body.data?.cancelPromise).toEqual(res.body.data?.cancelPromise);
    const again = await gql(app, CANCEL, { id: p.id, key: randomUUID() }, await as("agentA"));
    expect(again.body.errors?.[0]).toMatchObject({
      message: `Promise ${p.id} is cancelled: only a pending promise can be cancelled`,
      extensions: { code: "CONFLICT" },
    });
    const audits = await app.services.db.auditLog.findMany({
      where: { entityId: p.id, action: "graphql.cancelPromise", outcome: "SUCCESS" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({
      before: { status: "PENDING" },
      after: { status: "CANCELLED", cancelReason: "WITHDRAWN" },
    });
    const bad = await gql(app, CANCEL, { id: "nope", key: "short" }, await as("agentA"));
    expect(bad.body.errors?.[0]?.message).toContain("promiseId: promiseId must be a promise id (UUID)");
  });

  it("lists promises in the caller's scope only, filtered and page by page, never a reference portfolio's", async () => {
    const mine = (await list("agentA")).body.data?.promises as { nodes: { loanId: string }[] };
    const loans = new Set(mine.nodes.map((n) => n.loanId));
    expect(loans).toEqual(new Set([w.loanA1.id, w.loanA2.id]));
    const b = (await list("agentB")).body.data?.promises as { nodes: { loanId: string }[] };
    expect(new Set(b.nodes.map((n) => n.loanId))).toEqual(new Set([w.loanB.id]));
    const all = (await list("manager")).body.data?.promises as { nodes: { loanId: string }[] };
    expect(all.nodes.some((n) => n.loanId === reference.loanId)).toBe(false);

    const pending = (await list("supervisorA", { filter: { status: ["PENDING"], teamId: w.teamA.id } })).body
      .data?.promises as {
      nodes: { status: string; promisedDate: string }[];
    };
    expect(pending.nodes.length).toBeGreaterThan(0);
    expect(pending.nodes.every((n) => n.status === "PENDING")).toBe(true);
    // Another team through the filter is still only what the supervisor may see: nothing.
    const foreign = (await list("supervisorA", { filter: { teamId: w.teamB.id } })).body.data?.promises as {
      nodes: unknown[];
    };
    expect(foreign.nodes).toEqual([]);
    const ranged = (
      await list("manager", { filter: { dueFrom: inDays(6), dueTo: inDays(7), assigneeId: w.agentA.id } })
    ).body.data?.promises as { nodes: { promisedDate: string }[] };
    expect(ranged.nodes.length).toBeGreaterThan(0);
    expect(ranged.nodes.every((n) => n.promisedDate >= inDays(6) && n.promisedDate <= inDays(7))).toBe(true);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res = await list("agentA", { first: 2, after });
      const p = res.body.data?.promises as {
        nodes: { id: string }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
      seen.push(...p.nodes.map((n) => n.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual((mine.nodes as unknown as { id: string }[]).map((n) => n.id));
    expect((await list("agentA", { first: 0 })).body.errors?.[0]?.message).toContain(
      "first must be between 1 and 200",
    );
    expect((await list("agentA", { after: "bm9wZQ" })).body.errors?.[0]?.message).toContain(
      "after: not a cursor of this list",
    );
  });
});
