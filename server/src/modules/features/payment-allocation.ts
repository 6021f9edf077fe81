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

interface SortedInputs {
  payments: readonly PaymentEvent[];
  /** The schedule oldest first, amounts in cents. */
  items: { sequence: number; dueDate: string; dueCents: number }[];
  /**
   * Payments (type PAYMENT) in the order they are allocated, with their day and, once a first allocation
   * needed it, their amount in cents (an allocation as of an earlier day never reads a later payment's).
   */
  received: { event: PaymentEvent; day: string; cents?: number }[];
  /** Reversals and bounced debits: the payment each undoes, and from which day. */
  undo: { reverses: string; day: string }[];
}

// One loan's features, days past due and bucket history allocate the same payments to the same schedule as
// of several days (each of the last six due dates, the as-of date...). Sorting both and converting the
// schedule's amounts is done once per (schedule, payments) pair; histories are plain data, never changed.
const sortedInputs = new WeakMap<readonly ScheduleItem[], SortedInputs>();

function sorted(schedule: readonly ScheduleItem[], payments: readonly PaymentEvent[]): SortedInputs {
  const known = sortedInputs.get(schedule);
  if (known?.payments === payments) return known;
  const value: SortedInputs = {
    payments,
    items: [...schedule]
      .sort((a, b) => (a.dueDate === b.dueDate ? a.sequence - b.sequence : a.dueDate < b.dueDate ? -1 : 1))
      .map((s) => ({ sequence: s.sequence, dueDate: s.dueDate, dueCents: Math.max(0, cents(s.amountDue)) })),
    // Sorting before filtering by day keeps the order effectivePayments gives (the sort is stable).
    received: payments
      .filter((p) => p.type === "PAYMENT")
      .sort((a, b) => (a.paidAt < b.paidAt ? -1 : a.paidAt > b.paidAt ? 1 : 0))
      .map((event) => ({ event, day: dayOf(event.paidAt) })),
    undo: payments
      .filter((p) => p.type !== "PAYMENT" && p.reverses)
      .map((p) => ({ reverses: p.reverses as string, day: dayOf(p.paidAt) })),
  };
  sortedInputs.set(schedule, value);
  return value;
}

/**
 * Allocates payments to the schedule as of a day: each payment settles the oldest amount still due first;
 * a partial payment leaves the rest due; an overpayment carries forward to the next amounts (paying them
 * ahead of their due date) and, past the end of the schedule, stays as a credit. The payments are those
 * `effectivePayments` gives for the day.
 */
export function allocatePayments(
  schedule: readonly ScheduleItem[],
  payments: readonly PaymentEvent[],
  asOf: string,
): Allocation {
  const inputs = sorted(schedule, payments);
  const items: AllocatedItem[] = inputs.items.map((s) => ({
    sequence: s.sequence,
    dueDate: s.dueDate,
    dueCents: s.dueCents,
    paidCents: 0,
    paidInFullOn: s.dueCents === 0 ? s.dueDate : null,
  }));
  const undone = new Set<string>();
  for (const u of inputs.undo) if (u.day <= asOf) undone.add(u.reverses);
  let creditCents = 0;
  let next = 0;
  for (const received of inputs.received) {
    const { event: payment, day } = received;
    if (day > asOf) break; // in paidAt order, so every later payment is later still
    if (undone.has(payment.key)) continue;
    received.cents ??= cents(payment.amount);
    let left = received.cents;
    while (left > 0 && next < items.length) {
      const item = items[next] as AllocatedItem;
      const take = Math.min(left, item.dueCents - item.paidCents);
      item.paidCents += take;
      left -= take;
      if (item.paidCents >= item.dueCents) {
        item.paidInFullOn ??= day;
        next++;
      }
    }
    creditCents += left;
  }
  return { items, creditCents };
}
