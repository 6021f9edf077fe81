import type { LoanHistory, PaymentEvent, PromiseEvent } from "./loan-history.js";
import { addDays, cents, dayOf } from "./money-and-days.js";
import { effectivePayments } from "./payment-allocation.js";

export interface PromiseRule {
  /** Share of the promised amount that must arrive for the promise to count as kept. */
  keptTolerance: number;
  /** Days after the promised date that payments still count. */
  graceDays: number;
}

export const DEFAULT_PROMISE_RULE: PromiseRule = { keptTolerance: 0.95, graceDays: 2 };

export type PromiseState = "PENDING" | "KEPT" | "BROKEN" | "CANCELLED";

/**
 * A promise is kept when payments of at least the tolerance share of its amount arrive between the day it
 * was made and its date plus the grace period; broken when that window has closed without them; pending
 * until then. Only what is known as of `asOf` counts.
 */
export function promiseState(
  promise: PromiseEvent,
  payments: readonly PaymentEvent[],
  asOf: string,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): PromiseState {
  if (promise.cancelled) return "CANCELLED";
  const from = promise.createdAt ? dayOf(promise.createdAt) : addDays(promise.promisedDate, -1);
  const until = addDays(promise.promisedDate, rule.graceDays);
  const paid = effectivePayments(payments, asOf)
    .filter((p) => dayOf(p.paidAt) >= from && dayOf(p.paidAt) <= until)
    .reduce((sum, p) => sum + cents(p.amount), 0);
  if (paid >= Math.ceil(cents(promise.amount) * rule.keptTolerance)) return "KEPT";
  return asOf > until ? "BROKEN" : "PENDING";
}

/** The state of the most recent promise made by the as-of date, or NONE when there is none. */
export function latestPromiseState(
  history: Pick<LoanHistory, "promises" | "payments" | "asOfDate">,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): PromiseState | "NONE" {
  const made = (p: PromiseEvent) => (p.createdAt ? dayOf(p.createdAt) : p.promisedDate);
  const promises = (history.promises ?? []).filter((p) => made(p) <= history.asOfDate);
  if (promises.length === 0) return "NONE";
  const last = promises.reduce((a, b) => (made(b) > made(a) ? b : a));
  return promiseState(last, history.payments, history.asOfDate, rule);
}
