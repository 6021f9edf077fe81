import { amountOverdueCents, promiseMadeOn } from "./collection-outcomes.js";
import { computeFeatures } from "./compute-features.js";
import type { FeatureDefinition, FeatureName } from "./feature-catalogue.js";
import type { LoanHistory, PromiseEvent } from "./loan-history.js";
import { cents, daysBetween } from "./money-and-days.js";
import type { PromiseRule } from "./promise-status.js";

// The collection scores take the loan's features (feature-catalogue.ts) as of the day they are asked on, plus
// these. One definition for the training export and for scoring a loan or a promise as it is logged.

/** What the propensity-to-pay score adds to the loan's features. */
export const OVERDUE_FEATURES = [
  {
    name: "overdue_amount",
    description: "Amount overdue on the day: what fell due before it less the payments that stand by then",
    type: "number",
    min: 0,
    max: null,
    unit: "currency",
  },
] as const satisfies readonly FeatureDefinition[];

/** What the promise-kept score adds to the loan's features and its amount overdue, on the day of the promise. */
export const PROMISE_FEATURES = [
  {
    name: "promise_amount",
    description: "The amount promised",
    type: "number",
    min: 0,
    max: null,
    unit: "currency",
  },
  {
    name: "promise_share_of_overdue",
    description: "The amount promised over the amount overdue on the day it was made; missing when none was",
    type: "number",
    min: 0,
    max: null,
  },
  {
    name: "promise_days_ahead",
    description: "Days from the day the promise was made to the date it promises",
    type: "integer",
    min: 0,
    max: null,
    unit: "days",
  },
] as const satisfies readonly FeatureDefinition[];

export type OverdueFeatureName = (typeof OVERDUE_FEATURES)[number]["name"];
export type PromiseFeatureName = (typeof PROMISE_FEATURES)[number]["name"];

export function overdueFeatures(
  history: Pick<LoanHistory, "schedule" | "payments">,
  day: string,
): Record<OverdueFeatureName, number | null> {
  return { overdue_amount: amountOverdueCents(history, day) / 100 };
}

/** The promise's own features, as known on the day it was made. */
export function promiseFeatures(
  history: Pick<LoanHistory, "schedule" | "payments">,
  promise: PromiseEvent,
): Record<PromiseFeatureName, number | null> {
  const madeOn = promiseMadeOn(promise);
  const overdue = amountOverdueCents(history, madeOn);
  const amount = cents(promise.amount);
  return {
    promise_amount: amount / 100,
    promise_share_of_overdue: overdue > 0 ? amount / overdue : null,
    promise_days_ahead: Math.max(0, daysBetween(madeOn, promise.promisedDate)),
  };
}

/**
 * What the promise-kept score sees of a promise: the loan as it stood on the day the promise was made (nothing
 * dated later; never after the history's as-of date, for a promise logged after the last import), its amount
 * overdue then, and the promise's own features. The training export and scoring a promise as it is logged
 * both build it here.
 */
export function promiseVector(
  history: LoanHistory,
  promise: PromiseEvent,
  rule: PromiseRule,
): Record<FeatureName | OverdueFeatureName | PromiseFeatureName, number | null> {
  const madeOn = promiseMadeOn(promise);
  // biome-ignore lint/complexity/useMathMinMax: ISO days are strings, compared as text.
  const day = madeOn < history.asOfDate ? madeOn : history.asOfDate;
  return {
    ...computeFeatures({ ...history, asOfDate: day }, rule),
    ...overdueFeatures(history, day),
    ...promiseFeatures(history, promise),
  };
}
