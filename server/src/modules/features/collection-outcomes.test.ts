import { describe, expect, it } from "vitest";
import { overdueFeatures, promiseFeatures } from "./collection-features.js";
import {
  amountOverdueCents,
  overdueForScoring,
  payOutcome,
  promiseOutcome,
  snapshotDays,
} from "./collection-outcomes.js";
import type { LoanHistory, PaymentEvent } from "./loan-history.js";

// Six instalments of 100.00 due on the 1st, January to June; the borrower paid January and nothing since,
// so on 10 March 200.00 is overdue (February and March).
function loan(payments: PaymentEvent[], asOfDate = "2025-06-30"): LoanHistory {
  return {
    asOfDate,
    loan: { productType: "INSTALMENT", principal: "600.00", termMonths: 6 },
    borrower: {},
    schedule: [1, 2, 3, 4, 5, 6].map((m) => ({ sequence: m, dueDate: `2025-0${m}-01`, amountDue: "100.00" })),
    payments: [
      { key: "jan", type: "PAYMENT", amount: "100.00", paidAt: "2025-01-01T09:00:00.000Z" },
      ...payments,
    ],
  };
}
const paid = (key: string, amount: string, day: string): PaymentEvent => ({
  key,
  type: "PAYMENT",
  amount,
  paidAt: `${day}T12:00:00.000Z`,
});

describe("the propensity-to-pay outcome", () => {
  it("looks at six monthly snapshots, the latest one window before the as-of date", () => {
    expect(snapshotDays("2026-10-31")).toEqual([
      "2026-05-04",
      "2026-06-03",
      "2026-07-03",
      "2026-08-02",
      "2026-09-01",
      "2026-10-01",
    ]);
  });

  it("counts what fell due before the day, less the payments that stand by then", () => {
    expect(amountOverdueCents(loan([]), "2025-03-10")).toBe(20_000);
    // Due on the day itself is not overdue yet.
    expect(amountOverdueCents(loan([]), "2025-03-01")).toBe(10_000);
    expect(amountOverdueCents(loan([paid("p", "150.00", "2025-03-05")]), "2025-03-10")).toBe(5_000);
    expect(overdueFeatures(loan([]), "2025-03-10")).toEqual({ overdue_amount: 200 });
  });

  it("is paid when half of the amount overdue arrives within 30 days, and not otherwise", () => {
    expect(payOutcome(loan([paid("p", "100.00", "2025-04-09")]), "2025-03-10")).toBe(true);
    expect(payOutcome(loan([paid("p", "99.99", "2025-04-09")]), "2025-03-10")).toBe(false);
    // Day 31 is too late; two smaller payments inside the window add up.
    expect(payOutcome(loan([paid("p", "200.00", "2025-04-10")]), "2025-03-10")).toBe(false);
    expect(
      payOutcome(loan([paid("a", "60.00", "2025-03-12"), paid("b", "40.00", "2025-03-30")]), "2025-03-10"),
    ).toBe(true);
  });

  it("does not count a payment undone within the window", () => {
    const bounced: PaymentEvent[] = [
      paid("p", "200.00", "2025-03-20"),
      {
        key: "b",
        type: "BOUNCED_DEBIT",
        amount: "200.00",
        paidAt: "2025-03-24T08:00:00.000Z",
        reverses: "p",
      },
    ];
    expect(payOutcome(loan(bounced), "2025-03-10")).toBe(false);
  });

  it("has no outcome when nothing is overdue, the window is not over, or the source keeps no payments", () => {
    expect(payOutcome(loan([]), "2025-01-15")).toBeNull();
    expect(payOutcome(loan([], "2025-04-01"), "2025-03-10")).toBeNull();
    // UCI reports a paid amount and a delay per statement, not payments: nothing to count, nothing to score.
    const reported = loan([]);
    const statements = reported.schedule.map((s) => ({ ...s, amountPaid: "100.00", delayStatus: 0 }));
    expect(payOutcome({ ...reported, schedule: statements, payments: [] }, "2025-03-10")).toBeNull();
    expect(overdueForScoring({ schedule: statements, payments: [] }, "2025-03-10")).toBe(0);
    // A loan that never paid anything has an outcome: it did not pay.
    expect(payOutcome({ ...reported, payments: [] }, "2025-03-10")).toBe(false);
    expect(overdueForScoring({ schedule: reported.schedule, payments: [] }, "2025-03-10")).toBe(300);
  });
});

describe("the promise-kept outcome and a promise's features", () => {
  const promise = {
    key: "ptp",
    amount: "150.00",
    promisedDate: "2025-03-20",
    createdAt: "2025-03-10T15:00:00.000Z",
  };

  it("is kept when 95% arrives by the promised date plus the grace days, broken after, unknown before", () => {
    expect(promiseOutcome(loan([paid("p", "142.50", "2025-03-22")]), promise)).toBe(true);
    expect(promiseOutcome(loan([paid("p", "142.49", "2025-03-22")]), promise)).toBe(false);
    expect(promiseOutcome(loan([paid("p", "150.00", "2025-03-23")]), promise)).toBe(false);
    expect(promiseOutcome(loan([], "2025-03-21"), promise)).toBeNull();
  });

  it("leaves out cancelled promises and arrangement instalments (judged with their arrangement)", () => {
    expect(promiseOutcome(loan([]), { ...promise, cancelled: true })).toBeNull();
    expect(promiseOutcome(loan([]), { ...promise, arrangementId: "a" })).toBeNull();
  });

  it("describes the promise as it was on the day it was made", () => {
    expect(promiseFeatures(loan([paid("later", "500.00", "2025-03-15")]), promise)).toEqual({
      promise_amount: 150,
      promise_share_of_overdue: 0.75,
      promise_days_ahead: 10,
    });
    expect(promiseFeatures(loan([]), { ...promise, createdAt: "2025-01-15T10:00:00.000Z" })).toMatchObject({
      promise_share_of_overdue: null,
    });
  });
});
