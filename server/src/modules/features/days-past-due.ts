import { bucketForDpd } from "../loans/delinquency-bucket.js";
import type { LoanHistory, ScheduleItem } from "./loan-history.js";
import { daysBetween } from "./money-and-days.js";
import { allocatePayments } from "./payment-allocation.js";

// A source's delay status counts months late; a month is taken as 30 days past due.
const DAYS_PER_MONTH_LATE = 30;

/** Statements whose source reports the delay (UCI): the status, not our allocation, sets days past due. */
function reportedDelay(schedule: readonly ScheduleItem[], asOf: string): number | null {
  const withStatus = schedule.filter(
    (s) => s.delayStatus !== null && s.delayStatus !== undefined && s.dueDate <= asOf,
  );
  if (withStatus.length === 0) return null;
  const latest = withStatus.reduce((a, b) => (b.dueDate > a.dueDate ? b : a));
  return Math.max(0, latest.delayStatus as number) * DAYS_PER_MONTH_LATE;
}

/** Days past due on the oldest amount that was due before `asOf` and is not paid in full by then. */
export function daysPastDue(history: Pick<LoanHistory, "schedule" | "payments">, asOf: string): number {
  const reported = reportedDelay(history.schedule, asOf);
  if (reported !== null) return reported;
  const { items } = allocatePayments(history.schedule, history.payments, asOf);
  const oldestUnpaid = items.find(
    (i) => i.dueDate < asOf && (i.paidInFullOn === null || i.paidInFullOn > asOf),
  );
  return oldestUnpaid ? daysBetween(oldestUnpaid.dueDate, asOf) : 0;
}

export function bucketAsOf(history: Pick<LoanHistory, "schedule" | "payments">, asOf: string) {
  return bucketForDpd(daysPastDue(history, asOf));
}

/**
 * Whether an amount, once paid in full, stays paid up to `asOf`: no reversal undoes a payment and the source
 * reports no delays of its own. Then one allocation as of `asOf` answers every earlier day.
 */
export function paidOnlyForward(history: Pick<LoanHistory, "schedule" | "payments">, asOf: string): boolean {
  const hasReported = history.schedule.some((s) => s.delayStatus !== null && s.delayStatus !== undefined);
  const hasReversal = history.payments.some(
    (p) => p.type !== "PAYMENT" && p.reverses && p.paidAt.slice(0, 10) <= asOf,
  );
  return !hasReported && !hasReversal;
}

/**
 * Days past due on any day up to `asOf`. Payments are allocated in date order, so the allocation as of an
 * earlier day is a prefix of the one as of `asOf`: one allocation answers every day. A reversal rewrites
 * the past, so loans with one fall back to allocating per day.
 */
export function dpdTimeline(
  history: Pick<LoanHistory, "schedule" | "payments">,
  asOf: string,
): (day: string) => number {
  if (!paidOnlyForward(history, asOf)) return (day) => daysPastDue(history, day);
  const { items } = allocatePayments(history.schedule, history.payments, asOf);
  return (day) => {
    const oldestUnpaid = items.find(
      (i) => i.dueDate < day && (i.paidInFullOn === null || i.paidInFullOn > day),
    );
    return oldestUnpaid ? daysBetween(oldestUnpaid.dueDate, day) : 0;
  };
}

/** Days past due measured on each due date up to `asOf` (the loan's delinquency path, oldest first). */
export function dpdPath(
  history: Pick<LoanHistory, "schedule" | "payments">,
  asOf: string,
): { day: string; dpd: number }[] {
  const days = [...new Set(history.schedule.map((s) => s.dueDate).filter((d) => d <= asOf))].sort();
  const dpdAt = dpdTimeline(history, asOf);
  return days.map((day) => ({ day, dpd: dpdAt(day) }));
}
