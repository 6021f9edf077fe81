import { describe, expect, it } from "vitest";
import { computeFeatures } from "./compute-features.js";
import type { LoanHistory, PaymentEvent } from "./loan-history.js";

// A card with a 1,000 limit and no delay codes (a lender's own statements, not UCI's): how each statement was
// settled is read from its balance and what the next cycle paid, from the payment records.
const statement = (sequence: number, dueDate: string, balance: string, minimum: string) => ({
  sequence,
  kind: "STATEMENT" as const,
  dueDate,
  amountDue: minimum,
  statementBalance: balance,
});
const pay = (key: string, day: string, amount: string): PaymentEvent => ({
  key,
  type: "PAYMENT",
  amount,
  paidAt: `${day}T10:00:00Z`,
});
const card = (payments: PaymentEvent[], asOfDate = "2025-05-05"): LoanHistory => ({
  asOfDate,
  loan: { productType: "REVOLVING", creditLimit: "1000" },
  borrower: {},
  schedule: [
    statement(1, "2025-01-31", "0", "0"), // nothing to pay: no use
    statement(2, "2025-02-28", "400", "40"), // paid 400 in March: in full
    statement(3, "2025-03-31", "600", "60"), // paid 100 in April: carried over, minimum met
    statement(4, "2025-04-30", "900", "90"), // its next cycle has not closed: not judged
  ],
  payments,
});

describe("statement cycles and payment features", () => {
  const payments = [
    pay("a", "2025-03-10", "400"),
    pay("b", "2025-04-12", "100"),
    pay("c", "2025-05-02", "50"),
  ];

  it("tells no use, paid in full and revolving apart without the source's delay codes", () => {
    expect(computeFeatures(card(payments))).toMatchObject({
      no_use_cycles_6: 1,
      paid_in_full_cycles_6: 1,
      revolving_cycles_6: 1,
      // April paid 100 of March's 600; March paid 400 of February's 400 (January's balance was 0: no ratio).
      payment_to_balance_last: 100 / 600,
      statement_balance: 900,
      max_utilisation_6: 0.9,
      utilisation_change_6: 0.9,
      // Per cycle up to each due date: 0, 0, 400, 100 (May's 50 belongs to the cycle after the as-of statements).
      last_payment_amount: 100,
      mean_payment_amount_6: 125,
    });
    expect(computeFeatures(card(payments)).payment_to_balance_mean_6).toBeCloseTo((1 + 100 / 600) / 2, 12);
  });

  it("counts a cycle below the minimum as late, and a reversed payment as never paid", () => {
    const bounced: PaymentEvent = { ...pay("x", "2025-04-14", "100"), type: "BOUNCED_DEBIT", reverses: "b" };
    const f = computeFeatures(card([...payments, bounced]));
    expect(f).toMatchObject({ paid_in_full_cycles_6: 1, revolving_cycles_6: 0, last_payment_amount: 0 });
    expect(f.payment_to_balance_last).toBe(0);
  });

  it("leaves the statement features missing for an instalment loan, and the amounts missing without a schedule", () => {
    const instalment: LoanHistory = {
      asOfDate: "2025-03-05",
      loan: { productType: "INSTALMENT", principal: "300" },
      borrower: { annualIncome: "0" },
      schedule: [1, 2].map((m) => ({ sequence: m, dueDate: `2025-0${m}-01`, amountDue: "100" })),
      payments: [pay("p", "2025-01-01", "100")],
    };
    expect(computeFeatures(instalment)).toMatchObject({
      no_use_cycles_6: null,
      payment_to_balance_last: null,
      statement_balance: null,
      last_payment_amount: 0,
      mean_payment_amount_6: 50,
      // An income of 0 gives no ratio, not infinity.
      loan_to_income: null,
    });
    expect(computeFeatures({ ...instalment, schedule: [] })).toMatchObject({
      last_payment_amount: null,
      mean_payment_amount_6: null,
    });
  });

  it("codes home ownership and purpose whatever the source's spelling, and an unknown word as missing", () => {
    const h = (homeOwnership: string, purpose: string): LoanHistory => ({
      asOfDate: "2025-01-01",
      loan: { productType: "INSTALMENT", purpose },
      borrower: { homeOwnership },
      schedule: [],
      payments: [],
    });
    expect(computeFeatures(h("OWN", "Debt consolidation"))).toMatchObject({
      home_ownership: 1,
      loan_purpose: 1,
    });
    expect(computeFeatures(h("rent", "HOMEIMPROVEMENT"))).toMatchObject({
      home_ownership: 3,
      loan_purpose: 3,
    });
    expect(computeFeatures(h("houseboat", "holiday"))).toMatchObject({
      home_ownership: null,
      loan_purpose: null,
    });
  });
});
