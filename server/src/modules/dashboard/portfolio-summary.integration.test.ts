import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import type { DelinquencyBucket, RiskTier } from "../../generated/prisma/enums.js";

const SUMMARY = `query Summary($portfolioId: ID, $teamId: ID, $months: Int, $top: Int) {
  portfolioSummary(portfolioId: $portfolioId, teamId: $teamId, months: $months, top: $top) {
    asOfDate from openLoans balance
    byBucketAndTier { bucket tier loans balance }
    months { month due collected collectionRate loansTracked cureRate rollForwardRate }
    rollRates { from to cureRate transitions { fromBucket toBucket loans rate } }
    topRiskyBorrowers { borrowerName loanExternalKey probability tier bucket daysPastDue amountOverdue }
    promises { pending kept broken cancelled keptRate }
  }
}`;

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Portfolio P (as of 2025-06-30) from the shared fixtures: L1 and L2 are team A's (agent A's tasks), L3 team
 * B's. Added here: L4 (team A, unscored), L5 (team A, closed), and a reference portfolio whose loan has a
 * team A task. Every expected figure below is worked out by hand from these rows.
 */
describe("portfolioSummary", () => {
  let app: TestApp;
  let w: World;
  let modelId: string;
  let referenceId: string;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.services.db;
    w = await createWorld(db);
    const model = await db.modelVersion.create({
      data: { version: `dash-${w.tag}`, algorithm: "test", card: {} },
    });
    modelId = model.id;
    const score = (loanId: string, probability: number, tier: RiskTier, scoredAt: string) =>
      db.riskScore.create({
        data: {
          loanId,
          modelVersionId: modelId,
          probability,
          tier,
          bucket: "CURRENT",
          dpd: 0,
          asOfDate: day(scoredAt.slice(0, 10)),
          features: {},
          scoredAt: new Date(scoredAt),
        },
      });
    const schedule = (loanId: string, items: [string, string][]) =>
      db.instalment.createMany({
        data: items.map(([due, amount], i) => ({
          loanId,
          sequence: i + 1,
          dueDate: day(due),
          amountDue: amount,
        })),
      });
    const pay = (
      loanId: string,
      paidAt: string,
      amount: string,
      type: "PAYMENT" | "REVERSAL" = "PAYMENT",
      reverses?: string,
    ) =>
      db.payment.create({
        data: { loanId, paidAt: new Date(`${paidAt}T12:00:00Z`), amount, type, reversesPaymentId: reverses },
      });
    const history = (loanId: string, spans: [DelinquencyBucket, string, string | null][]) =>
      db.bucketHistory.createMany({
        data: spans.map(([bucket, enteredOn, leftOn]) => ({
          loanId,
          bucket,
          enteredOn: day(enteredOn),
          leftOn: leftOn ? day(leftOn) : null,
        })),
      });
    const promise = (
      loan: { id: string; borrowerId: string },
      promisedDate: string,
      status: "PENDING" | "KEPT" | "BROKEN",
    ) =>
      db.promiseToPay.create({
        data: {
          loanId: loan.id,
          borrowerId: loan.borrowerId,
          amount: "50",
          promisedDate: day(promisedDate),
          status,
        },
      });
    const newLoan = async (
      portfolioId: string,
      key: string,
      data: { status?: "CLOSED"; bucket: DelinquencyBucket; balance: string },
    ) => {
      const borrower = await db.borrower.create({
        data: { portfolioId, externalKey: `B-${key}`, fullName: `Borrower ${key}` },
      });
      const loan = await db.loan.create({
        data: {
          portfolioId,
          borrowerId: borrower.id,
          externalKey: `${key}-${w.tag}`,
          productType: "INSTALMENT",
          status: data.status ?? "ACTIVE",
          currentBucket: data.bucket,
          outstandingBalance: data.balance,
        },
      });
      await db.task.create({
        data: {
          loanId: loan.id,
          teamId: w.teamA.id,
          actionType: "CALL",
          dueAt: day("2025-07-01"),
          status: "DONE",
        },
      });
      return loan;
    };

    // L1: 300 due Apr-Jun, April paid, May's payment reversed: 200 overdue on 2025-06-30, 30-59 days.
    await db.loan.update({
      where: { id: w.loanA1.id },
      data: { outstandingBalance: "1000.00", currentBucket: "DPD_30_59", currentDpd: 46 },
    });
    await score(w.loanA1.id, 0.1, "LOW", "2025-05-31T02:00:00Z");
    await score(w.loanA1.id, 0.8, "CRITICAL", "2025-06-30T02:00:00Z");
    await schedule(w.loanA1.id, [
      ["2025-04-15", "100"],
      ["2025-05-15", "100"],
      ["2025-06-15", "100"],
    ]);
    await pay(w.loanA1.id, "2025-04-14", "100");
    const bounced = await pay(w.loanA1.id, "2025-05-20", "100");
    await pay(w.loanA1.id, "2025-05-25", "100", "REVERSAL", bounced.id);
    await history(w.loanA1.id, [
      ["CURRENT", "2025-01-15", "2025-05-16"],
      ["DPD_1_14", "2025-05-16", "2025-05-30"],
      ["DPD_15_29", "2025-05-30", "2025-06-14"],
      ["DPD_30_59", "2025-06-14", null],
    ]);
    await promise(w.loanA1, "2025-04-14", "KEPT");
    await promise(w.loanA1, "2025-05-20", "BROKEN");
    // L2: current, everything paid (March's instalment and payment fall before the summary's months).
    await db.loan.update({
      where: { id: w.loanA2.id },
      data: { outstandingBalance: "500.25", currentBucket: "CURRENT", currentDpd: 0 },
    });
    await score(w.loanA2.id, 0.3, "HIGH", "2025-06-30T02:00:00Z");
    await schedule(w.loanA2.id, [
      ["2025-03-15", "50"],
      ["2025-04-15", "50"],
      ["2025-05-15", "50"],
      ["2025-06-15", "50"],
      ["2025-07-15", "50"],
    ]);
    for (const d of ["2025-03-20", "2025-04-15", "2025-05-15", "2025-06-16"]) await pay(w.loanA2.id, d, "50");
    await history(w.loanA2.id, [
      ["DPD_1_14", "2025-03-16", "2025-04-20"],
      ["CURRENT", "2025-04-20", null],
    ]);
    await promise(w.loanA2, "2025-03-01", "KEPT");
    await promise(w.loanA2, "2025-06-16", "KEPT");
    await promise(w.loanA2, "2025-06-29", "PENDING");
    // L3 (team B): 70 due in May, unpaid.
    await db.loan.update({
      where: { id: w.loanB.id },
      data: { outstandingBalance: "200", currentBucket: "DPD_30_59", currentDpd: 51 },
    });
    await score(w.loanB.id, 0.9, "CRITICAL", "2025-06-30T02:00:00Z");
    await schedule(w.loanB.id, [["2025-05-10", "70"]]);
    await promise(w.loanB, "2025-05-12", "BROKEN");
    // L4: team A, not scored yet. L5: team A, closed.
    await newLoan(w.portfolio.id, "L4", { bucket: "DPD_1_14", balance: "99.99" });
    const closed = await newLoan(w.portfolio.id, "L5", { status: "CLOSED", bucket: "CURRENT", balance: "0" });
    await score(closed.id, 0.95, "CRITICAL", "2025-06-30T02:00:00Z");
    // A reference portfolio's loan with a team A task and the highest score of all: never in a dashboard.
    const reference = await db.portfolio.create({
      data: { name: `R-${w.tag}`, source: "test", kind: "REFERENCE", asOfDate: day("2025-09-30") },
    });
    referenceId = reference.id;
    const refLoan = await newLoan(reference.id, "LR", { bucket: "DPD_90_PLUS", balance: "5000" });
    await score(refLoan.id, 0.99, "CRITICAL", "2025-09-30T02:00:00Z");
    await schedule(refLoan.id, [["2025-06-15", "1000"]]);

    for (const u of [w.agentA, w.supervisorA, w.manager]) token[u.id] = await login(app, u.email, PASSWORD);
  });

  afterAll(async () => {
    await app.services.db.portfolio.delete({ where: { id: referenceId } });
    await destroyWorld(app.services.db, w);
    await app.services.db.modelVersion.delete({ where: { id: modelId } });
    await app.close();
  });

  const summary = async (userId: string, variables: Record<string, unknown>) => {
    const res = await gql(app, SUMMARY, variables, token[userId]);
    return res.body;
  };

  it("gives a supervisor their team's open loans by bucket and tier, with balances", async () => {
    const body = await summary(w.supervisorA.id, { months: 3 });
    expect(body.errors).toBeUndefined();
    const s = body.data?.portfolioSummary as Record<string, unknown>;
    expect(s.asOfDate).toBe("2025-06-30");
    expect(s.from).toBe("2025-04-01");
    // L1 + L2 + L4; closed L5 and the reference loan are left out.
    expect(s.openLoans).toBe(3);
    expect(s.balance).toBeCloseTo(1000 + 500.25 + 99.99, 2);
    const cells = s.byBucketAndTier as { bucket: string; tier: string | null }[];
    expect(cells.sort((a, b) => a.bucket.localeCompare(b.bucket))).toEqual([
      { bucket: "CURRENT", tier: "HIGH", loans: 1, balance: 500.25 },
      { bucket: "DPD_1_14", tier: null, loans: 1, balance: 99.99 },
      // L1's latest score (CRITICAL), not its older LOW one.
      { bucket: "DPD_30_59", tier: "CRITICAL", loans: 1, balance: 1000 },
    ]);
  });

  it("gives monthly due against collected, a reversed payment not counting", async () => {
    const s = (await summary(w.supervisorA.id, { months: 3 })).data?.portfolioSummary as {
      months: { month: string; due: number; collected: number; collectionRate: number | null }[];
    };
    expect(
      s.months.map(({ month, due, collected, collectionRate }) => ({
        month,
        due,
        collected,
        collectionRate,
      })),
    ).toEqual([
      { month: "2025-04", due: 150, collected: 150, collectionRate: 1 },
      { month: "2025-05", due: 150, collected: 50, collectionRate: 50 / 150 },
      { month: "2025-06", due: 150, collected: 50, collectionRate: 50 / 150 },
    ]);
  });

  it("gives roll rates and cure rates from the stored bucket history", async () => {
    const s = (await summary(w.supervisorA.id, { months: 3 })).data?.portfolioSummary as {
      months: { loansTracked: number; cureRate: number | null; rollForwardRate: number | null }[];
      rollRates: {
        from: string;
        to: string;
        cureRate: number;
        transitions: { fromBucket: string; toBucket: string }[];
      };
    };
    // Buckets on Apr 1 / May 1 / Jun 1 / Jun 30: L1 CURRENT, CURRENT, 15-29, 30-59; L2 1-14, CURRENT x3.
    expect(
      s.months.map(({ loansTracked, cureRate, rollForwardRate }) => ({
        loansTracked,
        cureRate,
        rollForwardRate,
      })),
    ).toEqual([
      { loansTracked: 2, cureRate: 1, rollForwardRate: 0 },
      { loansTracked: 2, cureRate: null, rollForwardRate: 0.5 },
      { loansTracked: 2, cureRate: 0, rollForwardRate: 0.5 },
    ]);
    expect(s.rollRates.from).toBe("2025-04-01");
    expect(s.rollRates.to).toBe("2025-06-30");
    expect(s.rollRates.cureRate).toBe(0.5);
    // In bucket order, best first.
    expect(s.rollRates.transitions).toEqual([
      { fromBucket: "CURRENT", toBucket: "CURRENT", loans: 3, rate: 0.75 },
      { fromBucket: "CURRENT", toBucket: "DPD_15_29", loans: 1, rate: 0.25 },
      { fromBucket: "DPD_1_14", toBucket: "CURRENT", loans: 1, rate: 1 },
      { fromBucket: "DPD_15_29", toBucket: "DPD_30_59", loans: 1, rate: 1 },
    ]);
  });

  it("lists the riskiest borrowers with what they have overdue, and the promise kept rate", async () => {
    const s = (await summary(w.supervisorA.id, { months: 3, top: 5 })).data?.portfolioSummary as {
      topRiskyBorrowers: unknown[];
      promises: unknown;
    };
    expect(s.topRiskyBorrowers).toEqual([
      {
        borrowerName: "Borrower L1",
        loanExternalKey: `L1-${w.tag}`,
        probability: 0.8,
        tier: "CRITICAL",
        bucket: "DPD_30_59",
        daysPastDue: 46,
        amountOverdue: 200,
      },
      {
        borrowerName: "Borrower L2",
        loanExternalKey: `L2-${w.tag}`,
        probability: 0.3,
        tier: "HIGH",
        bucket: "CURRENT",
        daysPastDue: 0,
        amountOverdue: 0,
      },
    ]);
    // Promises due Apr 1 - Jun 30: kept Apr 14 and Jun 16, broken May 20, pending Jun 29 (Mar 1 is before).
    expect(s.promises).toEqual({ pending: 1, kept: 2, broken: 1, cancelled: 0, keptRate: 2 / 3 });
  });

  it("gives a manager every team of a portfolio, or one team", async () => {
    const all = (await summary(w.manager.id, { portfolioId: w.portfolio.id, months: 3, top: 1 })).data
      ?.portfolioSummary as Record<string, unknown>;
    expect(all.openLoans).toBe(4);
    expect(all.topRiskyBorrowers).toEqual([
      expect.objectContaining({ loanExternalKey: `L3-${w.tag}`, probability: 0.9, amountOverdue: 70 }),
    ]);
    expect((all.months as { due: number }[]).map((m) => m.due)).toEqual([150, 220, 150]);
    expect(all.promises).toEqual({ pending: 1, kept: 2, broken: 2, cancelled: 0, keptRate: 0.5 });
    const teamB = (await summary(w.manager.id, { teamId: w.teamB.id, months: 3 })).data
      ?.portfolioSummary as Record<string, unknown>;
    expect(teamB.openLoans).toBe(1);
    expect(teamB.balance).toBe(200);
  });

  it("refuses agents, hides other teams and reference portfolios, and names a bad id", async () => {
    const code = (body: { errors?: { extensions?: { code?: string } }[] }) =>
      body.errors?.[0]?.extensions?.code;
    expect(code(await summary(w.agentA.id, {}))).toBe("FORBIDDEN");
    expect(code(await summary(w.supervisorA.id, { teamId: w.teamB.id }))).toBe("NOT_FOUND");
    expect(code(await summary(w.manager.id, { portfolioId: referenceId }))).toBe("NOT_FOUND");
    // An id argument is checked before anything else runs, and refused on its own.
    const badId = await summary(w.manager.id, { teamId: "team-b", months: 30 });
    expect(code(badId)).toBe("BAD_USER_INPUT");
    expect(badId.errors?.[0]?.message).toContain('teamId must be a team id (UUID), not "team-b"');
    const bad = await summary(w.manager.id, { teamId: w.teamA.id, months: 30 });
    expect(code(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.message).toContain("months must be between 1 and 24");
  });
});
