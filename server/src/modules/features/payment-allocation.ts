import type { PaymentEvent, ScheduleItem } from "./loan-history.js";
import { cents, dayOf } from "./money-and-days.js";

export interface AllocatedItem {
  sequence: number;
  dueDate: string;
  dueCents: number;
  paidCents: number;
  /** The day the amount due was covered in full, if it was by the as-of date. */
  paidInFullOn: string | null;
}

export interface Allocation {
  items: AllocatedItem[];
  /** Paid beyond everything scheduled: carried forward as a credit. */
  creditCents: number;
}

/**
 * The payments that stand as of `asOf`: made by then, and not undone by a reversal or bounced debit made
 * by then. Undoing a payment removes its allocation, which under oldest-first allocation is the same as
 * never having received it.
 */
export function effectivePayments(payments: readonly PaymentEvent[], asOf: string): PaymentEvent[] {
  const undone = new Set(
    payments
      .filter((p) => p.type !== "PAYMENT" && p.reverses && dayOf(p.paidAt) <= asOf)
      .map((p) => p.reverses),
  );
  return payments
    .filter((p) => p.type === "PAYMENT" && dayOf(p.paidAt) <= asOf && !undone.has(p.key))
    .sort((a, b) => (a.paidAt < b.paidAt ? -1 : a.paidAt > b.paidAt ? 1 : 0));
}

/**
 * Allocates payments to the schedule as of a day: each payment settles the oldest amount still due first;
 * a partial payment leaves the rest due; an overpayment carries forward to the next amounts (paying them
 * ahead of their due date) and, past the end of the schedule, stays as a credit.
 */
export function allocatePayments(
  schedule: readonly ScheduleItem[],
  payments: readonly PaymentEvent[],
  asOf: string,
): Allocation {
  const items: AllocatedItem[] = [...schedule]
    .sort((a, b) => (a.dueDate === b.dueDate ? a.sequence - b.sequence : a.dueDate < b.dueDate ? -1 : 1))
    .map((s) => ({
      sequence: s.sequence,
      dueDate: s.dueDate,
      dueCents: Math.max(0, cents(s.amountDue)),
      paidCents: 0,
      paidInFullOn: null,
    }));
  for (const item of items) if (item.dueCents === 0) item.paidInFullOn = item.dueDate;
  let creditCents = 0;
  let next = 0;
  for (const payment of effectivePayments(payments, asOf)) {
    let left = cents(payment.amount);
    while (left > 0 && next < items.length) {
      const item = items[next] as AllocatedItem;
      const take = Math.min(left, item.dueCents - item.paidCents);
      item.paidCents += take;
      left -= take;
      if (item.paidCents >= item.dueCents) {
        item.paidInFullOn ??= dayOf(payment.paidAt);
        next++;
      }
    }
    creditCents += left;
  }
  return { items, creditCents };
}
