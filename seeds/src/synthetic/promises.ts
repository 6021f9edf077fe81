import { DEFAULT_PROMISE_RULE } from "../../../server/src/modules/features/promise-status.js";
import { isoDay, utcInstant } from "./calendar.js";

/** A promise as the simulation made it; its status is settled only at the as-of date. */
export interface PromiseRecord {
  key: string;
  communicationKey: string;
  amount: number;
  promisedDay: number;
  createdAt: string;
  /** UTC day the promise was made: payments from then on count towards it. */
  createdDay: number;
  /** The generator's probability that it is kept, as of the moment it was made (absent for scripted loans). */
  keptProbability?: number;
}

export interface EffectivePayment {
  day: number;
  amount: number;
  paidAt: string;
}

export interface PromiseOutcome {
  status: "PENDING" | "KEPT" | "BROKEN";
  resolvedAt: string | null;
}

/**
 * The platform's own rule (features/promise-status.ts): kept when the payments that stand by the as-of date
 * reach the tolerance share of the amount between the day of the promise and its date plus the grace days;
 * broken when that window has closed without them; pending until then.
 */
export function settlePromise(
  p: PromiseRecord,
  payments: readonly EffectivePayment[],
  asOfDay: number,
): PromiseOutcome {
  const until = p.promisedDay + DEFAULT_PROMISE_RULE.graceDays;
  const needed = Math.ceil(p.amount * DEFAULT_PROMISE_RULE.keptTolerance);
  let paid = 0;
  for (const pay of payments) {
    if (pay.day < p.createdDay || pay.day > until || pay.day > asOfDay) continue;
    paid += pay.amount;
    if (paid >= needed) return { status: "KEPT", resolvedAt: pay.paidAt };
  }
  if (asOfDay > until) return { status: "BROKEN", resolvedAt: utcInstant(until + 1, 0) };
  return { status: "PENDING", resolvedAt: null };
}

export const promisedDate = (p: PromiseRecord): string => isoDay(p.promisedDay);
