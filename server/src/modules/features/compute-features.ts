import { daysPastDue, dpdPath } from "./days-past-due.js";
import type { FeatureVector } from "./feature-catalogue.js";
import type { LoanHistory } from "./loan-history.js";
import { addDays, cents, dayOf, daysBetween } from "./money-and-days.js";
import { allocatePayments, effectivePayments } from "./payment-allocation.js";
import { DEFAULT_PROMISE_RULE, type PromiseRule, promiseState } from "./promise-status.js";
import { statementFeatures } from "./statement-cycles.js";

const ANSWERED = new Set([
  "CONNECTED",
  "PROMISE_TO_PAY",
  "REFUSED_TO_PAY",
  "DISPUTE_RAISED",
  "CALLBACK_REQUESTED",
]);
const GRADES = "ABCDEFG";
const SEGMENTS: Record<string, number> = { prime: 1, "near-prime": 2, near_prime: 2, subprime: 3 };
// Codes of the catalogue's home_ownership and loan_purpose, keyed by the source's words without case,
// spaces or punctuation ("Debt consolidation", "DEBTCONSOLIDATION" and "debt_consolidation" are one).
const HOME_OWNERSHIP: Record<string, number> = { own: 1, mortgage: 2, rent: 3, other: 4 };
const PURPOSES: Record<string, number> = {
  debtconsolidation: 1,
  education: 2,
  homeimprovement: 3,
  medical: 4,
  personal: 5,
  venture: 6,
};
const codeOf = (codes: Record<string, number>, text: string | null | undefined): number | null =>
  text ? (codes[text.toLowerCase().replace(/[^a-z]/g, "")] ?? null) : null;

const num = (v: string | number | null | undefined): number | null => {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Least-squares slope of ys over 0..n-1. */
function slope(ys: number[]): number {
  const n = ys.length;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  return sxx === 0 ? 0 : sxy / sxx;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
}

/**
 * Behavioural features of one loan as of its history's as-of date: a pure function of the history, using
 * nothing dated after that day. The same code serves `/predict` (a posted history), batch scoring and the
 * training export (histories read from PostgreSQL).
 */
export function computeFeatures(
  history: LoanHistory,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): FeatureVector {
  const asOf = history.asOfDate;
  // No look-ahead: drop everything dated after the as-of day before any computation.
  const schedule = history.schedule.filter((s) => s.dueDate <= asOf);
  const payments = history.payments.filter((p) => dayOf(p.paidAt) <= asOf);
  const h = { schedule, payments };
  const yearAgo = addDays(asOf, -365);

  const path = dpdPath(h, asOf);
  const recentPath = path.filter((p) => p.day > yearAgo);
  const maxDpd = Math.max(0, ...recentPath.map((p) => p.dpd));
  const trendPoints = path.slice(-6).map((p) => p.dpd);

  // On time: for statements with a reported delay status, "not late" per the source; otherwise paid in full
  // by the due date under oldest-first allocation.
  const allocation = allocatePayments(schedule, payments, asOf);
  const dueLastYear = schedule.filter((s) => s.dueDate > yearAgo);
  const onTime = dueLastYear.filter((s) => {
    if (s.delayStatus !== null && s.delayStatus !== undefined) return s.delayStatus <= 0;
    const item = allocation.items.find((i) => i.sequence === s.sequence && i.dueDate === s.dueDate);
    return item !== undefined && item.paidInFullOn !== null && item.paidInFullOn <= s.dueDate;
  }).length;

  // Velocity over the last 3 cycles: paid in that window (payments, or the source's per-statement amounts
  // when it has no payment records) over the amount due in it.
  const last3 = schedule.slice(-3);
  let velocity: number | null = null;
  if (last3.length > 0) {
    const windowStart =
      schedule.length > 3 ? (schedule[schedule.length - 4] as { dueDate: string }).dueDate : "0000-00-00";
    const due = last3.reduce((s, i) => s + Math.max(0, cents(i.amountDue)), 0);
    const paidByEvents = effectivePayments(payments, asOf)
      .filter((p) => dayOf(p.paidAt) > windowStart)
      .reduce((s, p) => s + cents(p.amount), 0);
    const paidBySource = last3.reduce((s, i) => s + cents(i.amountPaid ?? 0), 0);
    const paid = payments.length > 0 ? paidByEvents : paidBySource;
    velocity = due > 0 ? paid / due : paid > 0 ? 1 : null;
  }

  // Missed: nothing paid towards a due amount by the next due date (or the as-of day for the last one).
  const last6 = schedule.slice(-6);
  const missed = last6.filter((s, i) => {
    if (s.delayStatus !== null && s.delayStatus !== undefined && payments.length === 0) {
      return cents(s.amountPaid ?? 0) === 0 && cents(s.amountDue) > 0;
    }
    const deadline = last6[i + 1]?.dueDate ?? asOf;
    const before = allocatePayments(schedule, payments, deadline).items.find(
      (it) => it.sequence === s.sequence,
    );
    return before !== undefined && before.dueCents > 0 && before.paidCents === 0;
  }).length;

  const isRevolving = history.loan.productType === "REVOLVING";
  let utilisation: number | null = null;
  if (isRevolving) {
    const latest = schedule.at(-1);
    const limit = num(history.loan.creditLimit);
    const balance = num(latest?.statementBalance ?? null);
    utilisation = latest && limit && balance !== null ? balance / limit : null;
  } else if (history.schedule.length > 0) {
    const total = history.schedule.reduce((s, i) => s + Math.max(0, cents(i.amountDue)), 0);
    const paid = allocatePayments(history.schedule, payments, asOf).items.reduce(
      (s, i) => s + i.paidCents,
      0,
    );
    utilisation = total > 0 ? (total - paid) / total : null;
  }

  // Contact history: absent (undefined) means the source cannot tell; an empty list means no contact.
  const ninetyAgo = addDays(asOf, -90);
  const contacts = history.contacts?.filter((c) => dayOf(c.startedAt) <= asOf);
  let attempts90: number | null = null;
  let engagement: number | null = null;
  let sinceLastContact: number | null = null;
  if (contacts) {
    const recent = contacts.filter((c) => dayOf(c.startedAt) > ninetyAgo);
    const outbound = recent.filter((c) => c.direction === "OUTBOUND");
    attempts90 = outbound.length;
    const answered = contacts.filter((c) => ANSWERED.has(c.outcome) || c.direction === "INBOUND");
    const lastAnswered = answered.reduce<string | null>(
      (m, c) => (m === null || c.startedAt > m ? c.startedAt : m),
      null,
    );
    sinceLastContact = lastAnswered ? daysBetween(lastAnswered, asOf) : null;
    if (recent.length > 0) {
      const answerRate =
        outbound.length > 0 ? outbound.filter((c) => ANSWERED.has(c.outcome)).length / outbound.length : 1;
      const recency = sinceLastContact === null ? 0 : Math.exp(-sinceLastContact / 30);
      const inbound = Math.min(1, recent.filter((c) => c.direction === "INBOUND").length / 2);
      engagement = 0.6 * answerRate + 0.2 * recency + 0.2 * inbound;
    }
  }

  let ptpCount: number | null = null;
  let ptpKept: number | null = null;
  const promises = history.promises?.filter(
    (p) => (p.createdAt ? dayOf(p.createdAt) : p.promisedDate) <= asOf,
  );
  if (promises) {
    const halfYearAgo = addDays(asOf, -180);
    ptpCount = promises.filter(
      (p) => (p.createdAt ? dayOf(p.createdAt) : p.promisedDate) > halfYearAgo,
    ).length;
    const states = promises.map((p) => promiseState(p, payments, asOf, rule));
    const resolved = states.filter((s) => s === "KEPT" || s === "BROKEN");
    ptpKept = resolved.length > 0 ? resolved.filter((s) => s === "KEPT").length / resolved.length : null;
  }

  const grade = history.loan.grade ? GRADES.indexOf(history.loan.grade.trim().toUpperCase()[0] ?? "") : -1;
  const segment = history.borrower.segment
    ? SEGMENTS[history.borrower.segment.trim().toLowerCase()]
    : undefined;

  // Without any schedule the source says nothing about repayment (Kaggle credit-risk): unknown, not current.
  const known = history.schedule.length > 0;
  const exposure = num(isRevolving ? history.loan.creditLimit : history.loan.principal);
  const income = num(history.borrower.annualIncome);
  const priorDefault = history.borrower.priorDefault;
  return {
    current_dpd: known ? daysPastDue(h, asOf) : null,
    max_dpd_12m: !known ? null : recentPath.length > 0 ? maxDpd : daysPastDue(h, asOf),
    dpd_trend: trendPoints.length >= 3 ? slope(trendPoints) : null,
    on_time_ratio: dueLastYear.length > 0 ? onTime / dueLastYear.length : null,
    repayment_velocity: velocity,
    missed_cycles_6: last6.length > 0 ? missed : null,
    utilisation,
    contact_attempts_90d: attempts90,
    engagement_score: engagement,
    days_since_last_contact: sinceLastContact,
    ptp_count_180d: ptpCount,
    ptp_kept_rate: ptpKept,
    exposure,
    interest_rate: num(history.loan.interestRate),
    term_months: isRevolving ? null : (history.loan.termMonths ?? null),
    loan_age_months:
      history.loan.openedAt && history.loan.openedAt <= asOf
        ? monthsBetween(history.loan.openedAt, asOf)
        : null,
    is_revolving: isRevolving ? 1 : 0,
    grade: grade >= 0 ? grade + 1 : null,
    age_years: history.borrower.ageYears ?? null,
    annual_income: num(history.borrower.annualIncome),
    employment_years: num(history.borrower.employmentYears),
    segment: segment ?? null,
    ...statementFeatures(history.loan, schedule, payments, asOf),
    loan_to_income: exposure !== null && income !== null && income > 0 ? exposure / income : null,
    prior_default: priorDefault === null || priorDefault === undefined ? null : priorDefault ? 1 : 0,
    credit_history_years: history.borrower.creditHistoryYears ?? null,
    home_ownership: codeOf(HOME_OWNERSHIP, history.borrower.homeOwnership),
    loan_purpose: codeOf(PURPOSES, history.loan.purpose),
  };
}
