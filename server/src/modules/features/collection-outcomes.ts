import type { LoanHistory, PromiseEvent } from "./loan-history.js";
import { addDays, cents, dayOf } from "./money-and-days.js";
import { allocatePayments, effectivePayments } from "./payment-allocation.js";
import { DEFAULT_PROMISE_RULE, type PromiseRule, promiseState } from "./promise-status.js";

// What the two collection scores predict, defined once: the training export labels rows with these, and the
// synthetic generator estimates its true probabilities of the same events with them.

/**
 * Propensity to pay: a loan past due on a day pays at least `share` of what is overdue that day within the
 * `windowDays` that follow it (payments that still stand at the window's end).
 */
export const PAY_OUTCOME = { windowDays: 30, share: 0.5 } as const;

/** The propensity outcome in words, for rationales and descriptions: "pay half of the amount overdue within 30 days". */
export const PAY_OUTCOME_WORDS = `pay ${PAY_OUTCOME.share === 0.5 ? "half" : `${PAY_OUTCOME.share * 100}%`} of the amount overdue within ${PAY_OUTCOME.windowDays} days`;

/**
 * The past days a loan is looked at for the collection scores' training rows: `count` snapshots, `stepDays`
 * apart, the latest one window before the as-of date, so that every snapshot's outcome is known by then.
 */
export const COLLECTION_SNAPSHOTS = { count: 6, stepDays: 30 } as const;

/** The snapshot days before `asOf`, oldest first. */
export function snapshotDays(asOf: string): string[] {
  const days: string[] = [];
  for (let k = COLLECTION_SNAPSHOTS.count; k >= 1; k--) {
    days.push(addDays(asOf, -(k - 1) * COLLECTION_SNAPSHOTS.stepDays - PAY_OUTCOME.windowDays));
  }
  return days;
}

/**
 * The amount overdue on `day`, in cents: what fell due before that day less the payments that stand by then
 * (loans/arrears-sql.ts computes the same in SQL for the loan pages and the worklist).
 */
export function amountOverdueCents(history: Pick<LoanHistory, "schedule" | "payments">, day: string): number {
  const { items } = allocatePayments(history.schedule, history.payments, day);
  return items.filter((i) => i.dueDate < day).reduce((sum, i) => sum + i.dueCents - i.paidCents, 0);
}

/**
 * Whether the history's payments are the loan's own payment records. A source that reports a paid amount and a
 * delay status per statement instead (UCI) has none: what it owes on a day, and what it paid within a window,
 * cannot be counted as the collection scores count them.
 */
export function recordsPayments(history: Pick<LoanHistory, "schedule">): boolean {
  return !history.schedule.some((s) => s.delayStatus !== null && s.delayStatus !== undefined);
}

/** What a collection score is told is overdue on `day`, in the loan's currency: 0 when the source cannot say. */
export function overdueForScoring(history: Pick<LoanHistory, "schedule" | "payments">, day: string): number {
  return recordsPayments(history) ? amountOverdueCents(history, day) / 100 : 0;
}

/** Payments made on the days after `from` up to `to`, that still stand on `to`, in cents. */
export function paidAfterCents(history: Pick<LoanHistory, "payments">, from: string, to: string): number {
  return effectivePayments(history.payments, to)
    .filter((p) => dayOf(p.paidAt) > from)
    .reduce((sum, p) => sum + cents(p.amount), 0);
}

/** Whether `paidCents` is enough of `overdueCents` to count as paying (PAY_OUTCOME.share, to the cent). */
export function paysEnough(paidCents: number, overdueCents: number): boolean {
  return paidCents >= Math.ceil(overdueCents * PAY_OUTCOME.share);
}

/**
 * The propensity-to-pay outcome of a loan seen on `day`: null when it was not past due then, or when the
 * window after it is not over by the history's as-of date (the outcome is not known yet). A source without
 * payment records (`recordsPayments`) has no outcome either; a loan that simply never paid has one.
 */
export function payOutcome(history: LoanHistory, day: string): boolean | null {
  if (!recordsPayments(history)) return null;
  const windowEnd = addDays(day, PAY_OUTCOME.windowDays);
  if (windowEnd > history.asOfDate) return null;
  const overdue = amountOverdueCents(history, day);
  if (overdue <= 0) return null;
  return paysEnough(paidAfterCents(history, day, windowEnd), overdue);
}

/** The day a promise was made (its date less one when the source does not say). */
export function promiseMadeOn(promise: PromiseEvent): string {
  return promise.createdAt ? dayOf(promise.createdAt) : addDays(promise.promisedDate, -1);
}

/**
 * The promise-kept outcome as of the history's as-of date: true kept, false broken, null while it runs, or
 * for a cancelled promise or an arrangement's instalment (judged with its arrangement, not on its own).
 */
export function promiseOutcome(
  history: LoanHistory,
  promise: PromiseEvent,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): boolean | null {
  if (promise.cancelled || promise.arrangementId) return null;
  const state = promiseState(promise, history.payments, history.asOfDate, rule);
  return state === "KEPT" ? true : state === "BROKEN" ? false : null;
}
