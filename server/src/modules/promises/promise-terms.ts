import type { ArrangementKind } from "../../generated/prisma/enums.js";
import { addDays, cents } from "../features/money-and-days.js";

/** Today's calendar day in UTC (YYYY-MM-DD): the day promises are dated against. */
export const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Why a promised day is not acceptable (named by its field, with how to fix it), or null. */
export function dayProblem(field: string, day: string, todayDay: string, horizonDays: number): string | null {
  if (day < todayDay) return `${field}: ${day} is in the past: give today (${todayDay}) or a later day`;
  const last = addDays(todayDay, horizonDays);
  if (day > last) {
    return `${field}: ${day} is more than ${horizonDays} days ahead: give a day up to ${last}`;
  }
  return null;
}

/** Why an amount cannot be promised against the balance, or null (an unknown balance cannot be checked). */
export function balanceProblem(field: string, amount: string, balance: string | null): string | null {
  if (balance === null || cents(amount) <= cents(balance)) return null;
  return `${field}: ${amount} is above the loan's outstanding balance of ${balance}: promise at most the balance`;
}

export interface InstalmentTerms {
  amount: string;
  dueDate: string;
}

/**
 * Why a payment plan or settlement cannot be recorded, as field-named messages ([] when it can): dates from
 * today to the horizon, each later than the one before; a settlement is one payment (below the balance is
 * its point); a plan's total not above the balance.
 */
export function arrangementProblems(
  kind: ArrangementKind,
  instalments: readonly InstalmentTerms[],
  todayDay: string,
  horizonDays: number,
  balance: string | null,
): string[] {
  const problems: string[] = [];
  if (kind === "SETTLEMENT" && instalments.length !== 1) {
    problems.push(
      `instalments: a settlement is one payment, got ${instalments.length}: record a PAYMENT_PLAN for several`,
    );
  }
  instalments.forEach((i, n) => {
    const day = dayProblem(`instalments.${n}.dueDate`, i.dueDate, todayDay, horizonDays);
    if (day) problems.push(day);
    const before = instalments[n - 1];
    if (before && i.dueDate <= before.dueDate) {
      problems.push(
        `instalments.${n}.dueDate: ${i.dueDate} is not after the previous instalment's ${before.dueDate}: list the dates in increasing order`,
      );
    }
  });
  const total = totalOf(instalments);
  if (balance !== null && cents(total) > cents(balance)) {
    problems.push(
      `instalments: they add up to ${total}, above the loan's outstanding balance of ${balance}: lower the amounts`,
    );
  }
  return problems;
}

/** The instalments' sum as a decimal string. */
export function totalOf(instalments: readonly InstalmentTerms[]): string {
  return (instalments.reduce((s, i) => s + cents(i.amount), 0) / 100).toFixed(2);
}
