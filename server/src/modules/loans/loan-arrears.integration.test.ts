import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, type World } from "../../../test/fixtures.js";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import type { PaymentEvent, ScheduleItem } from "../features/loan-history.js";
import { allocatePayments } from "../features/payment-allocation.js";
import { LoanArrearsRepository } from "./loan-arrears.repository.js";

// The world's portfolio is as of 2025-06-30.
const AS_OF = "2025-06-30";

/** The amount overdue as the feature layer defines it: the unpaid part of what fell due before the day. */
function overdueByAllocation(schedule: ScheduleItem[], payments: PaymentEvent[]): string {
  const { items } = allocatePayments(schedule, payments, AS_OF);
  const cents = items.filter((i) => i.dueDate < AS_OF).reduce((s, i) => s + i.dueCents - i.paidCents, 0);
  return (cents / 100).toFixed(2);
}

describe("amount overdue in SQL", () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("equals the oldest-first allocation's unpaid amounts, with reversals, late and excess payments", async () => {
    const db = app.services.db;
    const loanId = w.loanA1.id;
    const schedule: ScheduleItem[] = [
      { sequence: 1, dueDate: "2025-03-15", amountDue: "300.00" },
      { sequence: 2, dueDate: "2025-04-15", amountDue: "300.00" },
      { sequence: 3, dueDate: "2025-05-15", amountDue: "300.00" },
      { sequence: 4, dueDate: "2025-06-30", amountDue: "300.00" }, // due on the day itself: not yet overdue
      { sequence: 5, dueDate: "2025-07-15", amountDue: "300.00" },
    ];
    await db.instalment.createMany({
      data: schedule.map((s) => ({
        loanId,
        sequence: s.sequence,
        dueDate: new Date(`${s.dueDate}T00:00:00Z`),
        amountDue: String(s.amountDue),
      })),
    });
    const pay = async (
      amount: string,
      paidAt: string,
      type: "PAYMENT" | "REVERSAL" | "BOUNCED_DEBIT" = "PAYMENT",
      reverses?: string,
    ) =>
      (
        await db.payment.create({
          data: { loanId, amount, paidAt: new Date(paidAt), type, reversesPaymentId: reverses ?? null },
        })
      ).id;
    await pay("250.00", "2025-03-20T10:00:00Z");
    const p2 = await pay("400.00", "2025-04-20T10:00:00Z");
    await pay("400.00", "2025-04-25T10:00:00Z", "BOUNCED_DEBIT", p2); // undone by the day
    const p3 = await pay("120.00", "2025-05-20T23:30:00Z");
    await pay("120.00", "2025-07-02T10:00:00Z", "REVERSAL", p3); // undone only after the day: still stands
    await pay("500.00", "2025-07-01T08:00:00Z"); // after the day: does not count yet
    const stored = await db.payment.findMany({ where: { loanId } });
    const events: PaymentEvent[] = stored.map((p) => ({
      key: p.id,
      type: p.type,
      amount: p.amount.toFixed(2),
      paidAt: p.paidAt.toISOString(),
      reverses: p.reversesPaymentId,
    }));

    const expected = overdueByAllocation(schedule, events);
    expect(expected).toBe("530.00"); // 900 due before the day, 250 + 120 standing
    const got = await new LoanArrearsRepository(db).amountOverdue([loanId, w.loanA2.id]);
    expect(got.get(loanId)).toBe(expected);
    expect(got.get(w.loanA2.id)).toBe("0.00");

    // Paid ahead: nothing overdue, never below zero.
    await pay("2000.00", "2025-06-01T10:00:00Z");
    expect((await new LoanArrearsRepository(db).amountOverdue([loanId])).get(loanId)).toBe("0.00");
  });
});
