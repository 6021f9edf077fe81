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

/**
 * The state of the most recent promise made by the as-of date, or NONE when there is none. Arrangement
 * instalments are not promises of their own here: `arrangementCondition` judges them.
 */
export function latestPromiseState(
  history: Pick<LoanHistory, "promises" | "payments" | "asOfDate">,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): PromiseState | "NONE" {
  const made = (p: PromiseEvent) => (p.createdAt ? dayOf(p.createdAt) : p.promisedDate);
  const promises = (history.promises ?? []).filter((p) => !p.arrangementId && made(p) <= history.asOfDate);
  if (promises.length === 0) return "NONE";
  const last = promises.reduce((a, b) => (made(b) > made(a) ? b : a));
  return promiseState(last, history.payments, history.asOfDate, rule);
}

/**
 * The state of each of a loan's promises as of `asOf`, in their order. A promise on its own follows
 * `promiseState`. An arrangement's instalment follows the same rule applied to the arrangement so far:
 * instalment k is kept when the payments since the arrangement was agreed cover instalments 1..k (the
 * tolerance applied to that sum), so that one payment does not keep two instalments.
 */
export function promiseStates(
  promises: readonly PromiseEvent[],
  payments: readonly PaymentEvent[],
  asOf: string,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): PromiseState[] {
  return promises.map((p) => {
    if (!p.arrangementId || p.cancelled) return promiseState(p, payments, asOf, rule);
    const soFar = promises
      .filter((q) => q.arrangementId === p.arrangementId && !q.cancelled && q.promisedDate <= p.promisedDate)
      .reduce((sum, q) => sum + cents(q.amount), 0);
    return promiseState({ ...p, amount: (soFar / 100).toFixed(2) }, payments, asOf, rule);
  });
}

/** Whether a loan is on a payment arrangement, as the recommendation policy sees it. */
export type ArrangementCondition = "NONE" | "ON_TRACK" | "BROKEN";

/**
 * The loan's most recent arrangement made by the as-of date: BROKEN when one of its instalments is broken,
 * ON_TRACK while instalments are still to come and none is broken, NONE when there is none or it was paid in
 * full (or replaced entirely).
 */
export function arrangementCondition(
  history: Pick<LoanHistory, "promises" | "payments" | "asOfDate">,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): ArrangementCondition {
  const promises = (history.promises ?? []).filter(
    (p) => p.arrangementId && (p.createdAt ? dayOf(p.createdAt) : p.promisedDate) <= history.asOfDate,
  );
  if (promises.length === 0) return "NONE";
  const latest = promises.reduce((a, b) => ((b.createdAt ?? "") > (a.createdAt ?? "") ? b : a)).arrangementId;
  const own = promises.filter((p) => p.arrangementId === latest);
  const states = promiseStates(own, history.payments, history.asOfDate, rule);
  if (states.includes("BROKEN")) return "BROKEN";
  return states.includes("PENDING") ? "ON_TRACK" : "NONE";
}
