import type { LoanHistory } from "../features/loan-history.js";
import { allocatePayments } from "../features/payment-allocation.js";

export interface DueFigures {
  amountCents: number;
  dueDate: string;
  overdue: boolean;
}

/**
 * What a reminder is about, as of the portfolio's date: the amount past due and the oldest unpaid due date
 * (payments allocated oldest first, as days past due are); when nothing is overdue, the next amount due and
 * its date; null when nothing is due at all.
 */
export function dueFigures(
  history: Pick<LoanHistory, "schedule" | "payments" | "asOfDate">,
): DueFigures | null {
  const { items } = allocatePayments(history.schedule, history.payments, history.asOfDate);
  const unpaid = items.filter((i) => i.paidCents < i.dueCents);
  const past = unpaid.filter((i) => i.dueDate < history.asOfDate);
  const first = past[0];
  if (first) {
    return {
      amountCents: past.reduce((s, i) => s + i.dueCents - i.paidCents, 0),
      dueDate: first.dueDate,
      overdue: true,
    };
  }
  const next = unpaid[0];
  return next ? { amountCents: next.dueCents - next.paidCents, dueDate: next.dueDate, overdue: false } : null;
}
