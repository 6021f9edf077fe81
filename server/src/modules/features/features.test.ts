import { describe, expect, it } from "vitest";
import { computeFeatures } from "./compute-features.js";
import { bucketAsOf, daysPastDue } from "./days-past-due.js";
import type { LoanHistory, PaymentEvent, ScheduleItem } from "./loan-history.js";
import { allocatePayments } from "./payment-allocation.js";
import { promiseState } from "./promise-status.js";

// A 6-month instalment loan of 100.00 a month, due on the 1st, Jan..Jun 2025.
const schedule: ScheduleItem[] = [1, 2, 3, 4, 5, 6].map((m) => ({
  sequence: m,
  dueDate: `2025-0${m}-01`,
  amountDue: "100.00",
}));
const pay = (
  key: string,
  paidAt: string,
  amount: string,
  type: PaymentEvent["type"] = "PAYMENT",
  reverses?: string,
): PaymentEvent => ({
  key,
  type,
  amount,
  paidAt: `${paidAt}T12:00:00Z`,
  reverses: reverses ?? null,
});
const history = (
  payments: PaymentEvent[],
  asOfDate: string,
  extra: Partial<LoanHistory> = {},
): LoanHistory => ({
  asOfDate,
  loan: {
    productType: "INSTALMENT",
    principal: "600",
    interestRate: "12",
    termMonths: 6,
    openedAt: "2024-12-01",
    grade: "B",
  },
  borrower: { ageYears: 40, annualIncome: "50000", employmentYears: "5", segment: "near-prime" },
  schedule,
  payments,
  ...extra,
});

describe("payment allocation and days past due", () => {
  it("counts a late payment's days until it arrives, then cures", () => {
    const h = history([pay("p1", "2025-01-11", "100.00")], "2025-01-20");
    expect(daysPastDue(h, "2025-01-10")).toBe(9);
    expect(daysPastDue(h, "2025-01-11")).toBe(0);
    expect(daysPastDue(h, "2025-01-31")).toBe(0);
    expect(daysPastDue(h, "2025-02-15")).toBe(14);
    expect(bucketAsOf(h, "2025-02-15")).toBe("DPD_1_14");
  });

  it("leaves the rest of a partial payment due, so the instalment stays past due", () => {
    const h = history([pay("p1", "2025-01-01", "60.00")], "2025-01-31");
    const a = allocatePayments(h.schedule, h.payments, "2025-01-31");
    expect(a.items[0]).toMatchObject({ paidCents: 6000, paidInFullOn: null });
    expect(daysPastDue(h, "2025-01-31")).toBe(30);
    expect(bucketAsOf(h, "2025-01-31")).toBe("DPD_30_59");
  });

  it("carries an overpayment forward to the next instalments, then keeps the rest as a credit", () => {
    const a = allocatePayments(schedule, [pay("p1", "2025-01-01", "250.00")], "2025-03-15");
    expect(a.items.map((i) => i.paidCents)).toEqual([10000, 10000, 5000, 0, 0, 0]);
    expect(a.items[1]?.paidInFullOn).toBe("2025-01-01");
    expect(daysPastDue({ schedule, payments: [pay("p1", "2025-01-01", "250.00")] }, "2025-03-15")).toBe(14);
    const all = allocatePayments(schedule, [pay("p1", "2025-01-01", "700.00")], "2025-06-30");
    expect(all.creditCents).toBe(10000);
  });

  it("undoes a reversed or bounced payment from the day of the reversal", () => {
    const payments = [
      pay("p1", "2025-01-01", "100.00"),
      pay("r1", "2025-01-05", "100.00", "BOUNCED_DEBIT", "p1"),
    ];
    expect(daysPastDue({ schedule, payments }, "2025-01-04")).toBe(0);
    expect(daysPastDue({ schedule, payments }, "2025-01-06")).toBe(5);
  });

  it("takes a payment after cure to the oldest amount still due", () => {
    // January paid late in February, February paid on time: March 10 is current again.
    const payments = [pay("p1", "2025-02-01", "100.00"), pay("p2", "2025-02-20", "100.00")];
    expect(daysPastDue({ schedule, payments }, "2025-02-10")).toBe(9); // Feb due unpaid: Jan got the first payment
    expect(daysPastDue({ schedule, payments }, "2025-03-10")).toBe(9); // March unpaid
    expect(
      daysPastDue({ schedule, payments: [...payments, pay("p3", "2025-03-01", "100")] }, "2025-03-10"),
    ).toBe(0);
  });

  it("uses the source's delay status for statements that carry one", () => {
    const statements: ScheduleItem[] = [
      {
        sequence: 1,
        kind: "STATEMENT",
        dueDate: "2005-08-31",
        amountDue: "500",
        statementBalance: "500",
        delayStatus: -1,
      },
      {
        sequence: 2,
        kind: "STATEMENT",
        dueDate: "2005-09-30",
        amountDue: "800",
        statementBalance: "800",
        delayStatus: 2,
      },
    ];
    expect(daysPastDue({ schedule: statements, payments: [] }, "2005-10-01")).toBe(60);
    expect(daysPastDue({ schedule: statements, payments: [] }, "2005-09-15")).toBe(0);
  });
});

describe("promises to pay", () => {
  const promise = { amount: "200.00", promisedDate: "2025-03-10", createdAt: "2025-03-01T10:00:00Z" };

  it("is kept when 95% arrives within the grace period", () => {
    expect(promiseState(promise, [pay("p1", "2025-03-12", "190.00")], "2025-03-20")).toBe("KEPT");
  });

  it("is broken when too little arrives, or too late, once the grace period is over", () => {
    expect(promiseState(promise, [pay("p1", "2025-03-11", "189.99")], "2025-03-20")).toBe("BROKEN");
    expect(promiseState(promise, [pay("p1", "2025-03-13", "200.00")], "2025-03-20")).toBe("BROKEN");
  });

  it("is pending until the grace period ends, and does not count payments after the as-of day", () => {
    expect(promiseState(promise, [], "2025-03-12")).toBe("PENDING");
    expect(promiseState(promise, [pay("p1", "2025-03-11", "200.00")], "2025-03-10")).toBe("PENDING");
  });

  it("is not kept by a payment that bounced", () => {
    const payments = [
      pay("p1", "2025-03-09", "200.00"),
      pay("b1", "2025-03-11", "200.00", "BOUNCED_DEBIT", "p1"),
    ];
    expect(promiseState(promise, payments, "2025-03-20")).toBe("BROKEN");
  });
});

describe("computeFeatures", () => {
  it("computes the behavioural features of a hand-checked history", () => {
    // Jan on time, Feb 5 days late, Mar partial (50), Apr-Jun nothing; as of 2025-06-15.
    const payments = [
      pay("p1", "2025-01-01", "100"),
      pay("p2", "2025-02-06", "100"),
      pay("p3", "2025-03-01", "50"),
    ];
    const f = computeFeatures(history(payments, "2025-06-15", { contacts: [], promises: [] }));
    expect(f.current_dpd).toBe(106); // March 1 unpaid in part
    // DPD on each due date Jan..Jun: 0, 0 (Feb is due that day), 0, 31, 61, 92.
    expect(f.max_dpd_12m).toBe(92);
    // Least-squares slope of [0,0,0,31,61,92] over x = 0..5: sum((x-2.5)(y-30.67)) / 17.5 = 337 / 17.5.
    expect(f.dpd_trend).toBeCloseTo(337 / 17.5, 9);
    expect(f.on_time_ratio).toBeCloseTo(1 / 6); // only January was paid in full by its due date
    expect(f.repayment_velocity).toBe(0); // nothing paid since March 1 against Apr-Jun's 300
    expect(f.missed_cycles_6).toBe(3); // April, May, June
    expect(f.utilisation).toBeCloseTo(350 / 600);
    expect(f.exposure).toBe(600);
    expect(f.grade).toBe(2);
    expect(f.segment).toBe(2);
    expect(f.loan_age_months).toBe(6);
    expect(f.is_revolving).toBe(0);
  });

  it("has no behavioural history for a loan with nothing due yet", () => {
    const f = computeFeatures(history([], "2024-12-15"));
    expect(f).toMatchObject({
      current_dpd: 0,
      dpd_trend: null,
      on_time_ratio: null,
      repayment_velocity: null,
      missed_cycles_6: null,
    });
  });

  it("leaves repayment features missing when the source has no schedule at all", () => {
    const f = computeFeatures({ ...history([], "2025-03-15"), schedule: [] });
    expect(f).toMatchObject({ current_dpd: null, max_dpd_12m: null, on_time_ratio: null, utilisation: null });
    expect(f.exposure).toBe(600);
  });

  it("leaves contact and promise features missing, not zero, when the source has no such history", () => {
    const f = computeFeatures(history([], "2025-03-15"));
    expect(f).toMatchObject({
      contact_attempts_90d: null,
      engagement_score: null,
      days_since_last_contact: null,
      ptp_count_180d: null,
      ptp_kept_rate: null,
    });
  });

  it("scores unanswered contacts only as zero engagement", () => {
    const contacts = [1, 2, 3].map((d) => ({
      channel: "CALL" as const,
      direction: "OUTBOUND" as const,
      outcome: "NO_ANSWER",
      startedAt: `2025-03-0${d}T10:00:00Z`,
    }));
    const f = computeFeatures(history([], "2025-03-15", { contacts, promises: [] }));
    expect(f).toMatchObject({
      contact_attempts_90d: 3,
      engagement_score: 0,
      days_since_last_contact: null,
      ptp_count_180d: 0,
    });
  });

  it("rates promise keeping from derived states", () => {
    const promises = [
      { amount: "100", promisedDate: "2025-02-10", createdAt: "2025-02-01T00:00:00Z" },
      { amount: "100", promisedDate: "2025-03-10", createdAt: "2025-03-01T00:00:00Z" },
      { amount: "100", promisedDate: "2025-03-20", createdAt: "2025-03-12T00:00:00Z" },
    ];
    const f = computeFeatures(
      history([pay("p1", "2025-02-09", "100")], "2025-03-15", { contacts: [], promises }),
    );
    expect(f.ptp_count_180d).toBe(3);
    expect(f.ptp_kept_rate).toBe(0.5); // kept, broken, and one still pending
  });

  it("uses nothing dated after the as-of day", () => {
    const past = [pay("p1", "2025-01-01", "100")];
    const future = [
      ...past,
      pay("p2", "2025-03-20", "500"),
      pay("b1", "2025-03-21", "100", "BOUNCED_DEBIT", "p1"),
    ];
    const contacts = [
      {
        channel: "CALL" as const,
        direction: "OUTBOUND" as const,
        outcome: "CONNECTED",
        startedAt: "2025-03-25T09:00:00Z",
      },
    ];
    const promises = [{ amount: "50", promisedDate: "2025-04-01", createdAt: "2025-03-25T09:00:00Z" }];
    const asOf = "2025-03-15";
    const before = computeFeatures(history(past, asOf, { contacts: [], promises: [] }));
    const withFuture = computeFeatures({
      ...history(future, asOf, { contacts, promises }),
      schedule: [...schedule],
    });
    expect(withFuture).toEqual(before);
  });
});
