import type { LoanHistory, PaymentEvent, ScheduleItem } from "./loan-history.js";
import { cents, dayOf } from "./money-and-days.js";
import { effectivePayments } from "./payment-allocation.js";

/** A payment of ten times the balance it paid says no more than one of ten: the ratio stops there. */
const RATIO_CAP = 10;
const WINDOW = 6;

const amount = (m: ScheduleItem["statementBalance"]): number | null =>
  m === null || m === undefined || m === "" ? null : cents(m);

/**
 * What was paid in each cycle of the schedule (after the previous due date, up to and including this one),
 * in cents: from the payment records when there are any, otherwise the source's own per-statement figure
 * (UCI reports what was paid in each statement's month and keeps no payment records).
 */
export function paidPerCycle(
  schedule: readonly ScheduleItem[],
  payments: readonly PaymentEvent[],
  asOf: string,
) {
  if (payments.length === 0) return schedule.map((s) => cents(s.amountPaid ?? 0));
  const paid = effectivePayments(payments, asOf).map((p) => ({
    day: dayOf(p.paidAt),
    cents: cents(p.amount),
  }));
  return schedule.map((s, i) => {
    const from = schedule[i - 1]?.dueDate ?? "0000-00-00";
    return paid.filter((p) => p.day > from && p.day <= s.dueDate).reduce((t, p) => t + p.cents, 0);
  });
}

type CycleStatus = "NO_USE" | "PAID_IN_FULL" | "REVOLVING" | "LATE" | null;

/**
 * How a statement was settled. The source's delay status says it when it has one (UCI: -2 no balance, -1 paid
 * in full, 0 revolving credit, k months late); otherwise it is read from the balance and what the next cycle
 * paid, so only a statement whose next cycle has closed is judged.
 */
function cycleStatus(s: ScheduleItem, paidNext: number | undefined): CycleStatus {
  if (s.delayStatus !== null && s.delayStatus !== undefined) {
    if (s.delayStatus <= -2) return "NO_USE";
    if (s.delayStatus === -1) return "PAID_IN_FULL";
    return s.delayStatus === 0 ? "REVOLVING" : "LATE";
  }
  const balance = amount(s.statementBalance);
  if (balance === null) return null;
  if (balance <= 0) return "NO_USE";
  if (paidNext === undefined) return null;
  if (paidNext >= balance) return "PAID_IN_FULL";
  return paidNext >= cents(s.amountDue) ? "REVOLVING" : "LATE";
}

const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * The statement and payment features of feature catalogue version 2, from the schedule as of the day (items
 * due after it already left out). The amounts paid apply to any loan with a schedule; the rest describe
 * revolving statements and are missing for an instalment loan.
 */
export function statementFeatures(
  loan: LoanHistory["loan"],
  schedule: readonly ScheduleItem[],
  payments: readonly PaymentEvent[],
  asOf: string,
) {
  const paid = paidPerCycle(schedule, payments, asOf);
  const n = schedule.length;
  const recent = Array.from({ length: Math.min(WINDOW, n) }, (_, k) => n - Math.min(WINDOW, n) + k);
  const amounts = {
    last_payment_amount: n > 0 ? (paid[n - 1] as number) / 100 : null,
    mean_payment_amount_6: n > 0 ? (mean(recent.map((i) => paid[i] as number)) as number) / 100 : null,
  };
  const none = {
    no_use_cycles_6: null,
    paid_in_full_cycles_6: null,
    revolving_cycles_6: null,
    payment_to_balance_last: null,
    payment_to_balance_mean_6: null,
    max_utilisation_6: null,
    utilisation_change_6: null,
    statement_balance: null,
  };
  if (loan.productType !== "REVOLVING" || n === 0) return { ...amounts, ...none };

  const statuses = recent.map((i) => cycleStatus(schedule[i] as ScheduleItem, paid[i + 1]));
  const count = (status: CycleStatus) => statuses.filter((s) => s === status).length;
  const ratio = (i: number): number | null => {
    const previous = i > 0 ? amount(schedule[i - 1]?.statementBalance) : null;
    return previous !== null && previous > 0 ? Math.min(RATIO_CAP, (paid[i] as number) / previous) : null;
  };
  const limit = loan.creditLimit === null || loan.creditLimit === undefined ? 0 : cents(loan.creditLimit);
  const utilisation = (i: number): number | null => {
    const balance = amount(schedule[i]?.statementBalance);
    return balance !== null && limit > 0 ? balance / limit : null;
  };
  const ratios = recent.map(ratio).filter((r): r is number => r !== null);
  const utilisations = recent.map(utilisation).filter((u): u is number => u !== null);
  const latest = utilisation(n - 1);
  const oldest = recent.length >= 2 ? utilisation(recent[0] as number) : null;
  const balance = amount(schedule[n - 1]?.statementBalance);
  return {
    ...amounts,
    no_use_cycles_6: count("NO_USE"),
    paid_in_full_cycles_6: count("PAID_IN_FULL"),
    revolving_cycles_6: count("REVOLVING"),
    payment_to_balance_last: ratio(n - 1),
    payment_to_balance_mean_6: mean(ratios),
    max_utilisation_6: utilisations.length > 0 ? Math.max(...utilisations) : null,
    utilisation_change_6: latest !== null && oldest !== null ? latest - oldest : null,
    statement_balance: balance === null ? null : balance / 100,
  };
}
