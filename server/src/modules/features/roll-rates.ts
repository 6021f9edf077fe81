import type { DelinquencyBucket } from "../../generated/prisma/enums.js";
import { BUCKET_LOWER_BOUNDS } from "../loans/delinquency-bucket.js";
import type { BucketInterval } from "./bucket-history.js";
import { addDays } from "./money-and-days.js";

export const BUCKETS: DelinquencyBucket[] = [...BUCKET_LOWER_BOUNDS].reverse().map(([b]) => b);

/** The bucket a loan was in on a day: the interval with enteredOn <= day < leftOn (leftOn null: still there). */
export function bucketOn(intervals: readonly BucketInterval[], day: string): DelinquencyBucket | null {
  for (const i of intervals) if (i.enteredOn <= day && (i.leftOn === null || i.leftOn > day)) return i.bucket;
  return null;
}

export interface RollRateMatrix {
  from: string;
  to: string;
  /** counts[fromBucket][toBucket]: loans in `fromBucket` at the start of a month and `toBucket` at its end. */
  counts: TransitionCounts;
  /** The same, as shares of each row. */
  rates: Record<DelinquencyBucket, Record<DelinquencyBucket, number>>;
  /** Of the loan-months that started delinquent, the share that ended current. */
  cureRate: number | null;
}

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function nextMonth(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

export type TransitionCounts = Record<DelinquencyBucket, Record<DelinquencyBucket, number>>;

/**
 * The month windows of [from, to] that roll rates compare: each calendar month starting on or after `from`,
 * from its first day to the next month's first day, the last one cut at `to`. The one definition, for the
 * in-memory `rollRates` and the dashboard's SQL over stored bucket history.
 */
export function monthWindows(from: string, to: string): [start: string, end: string][] {
  const months: [string, string][] = [];
  for (let m = firstOfMonth(from); m < to; m = nextMonth(m)) {
    const end = nextMonth(m) <= to ? nextMonth(m) : addDays(to, 0);
    if (m >= from) months.push([m, end]);
  }
  return months;
}

export function emptyTransitionCounts(): TransitionCounts {
  const zero = () => Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<DelinquencyBucket, number>;
  return Object.fromEntries(BUCKETS.map((b) => [b, zero()])) as TransitionCounts;
}

/** Rates per row and the cure rate from transition counts, however they were counted. */
export function rollRatesFromCounts(from: string, to: string, counts: TransitionCounts): RollRateMatrix {
  const rates = Object.fromEntries(
    BUCKETS.map((a) => {
      const total = BUCKETS.reduce((s, b) => s + counts[a][b], 0);
      return [a, Object.fromEntries(BUCKETS.map((b) => [b, total === 0 ? 0 : counts[a][b] / total]))];
    }),
  ) as RollRateMatrix["rates"];
  const delinquent = BUCKETS.filter((b) => b !== "CURRENT");
  const startedDelinquent = delinquent.reduce((s, a) => s + BUCKETS.reduce((t, b) => t + counts[a][b], 0), 0);
  const cured = delinquent.reduce((s, a) => s + counts[a].CURRENT, 0);
  return { from, to, counts, rates, cureRate: startedDelinquent === 0 ? null : cured / startedDelinquent };
}

/**
 * Month-on-month bucket transitions of many loans over [from, to]: each loan is counted once per calendar
 * month it was on the books at both ends of.
 */
export function rollRates(
  loans: Iterable<readonly BucketInterval[]>,
  from: string,
  to: string,
): RollRateMatrix {
  const counts = emptyTransitionCounts();
  const months = monthWindows(from, to);
  for (const intervals of loans) {
    for (const [start, end] of months) {
      const a = bucketOn(intervals, start);
      const b = bucketOn(intervals, end);
      if (a && b) counts[a][b]++;
    }
  }
  return rollRatesFromCounts(from, to, counts);
}

/** Of the loans that started a period in a bucket other than the worst, the share that ended in a worse one. */
export function rollForwardRate(counts: TransitionCounts): number | null {
  const worse = (a: DelinquencyBucket, b: DelinquencyBucket) => BUCKETS.indexOf(b) > BUCKETS.indexOf(a);
  const starts = BUCKETS.slice(0, -1);
  const total = starts.reduce((s, a) => s + BUCKETS.reduce((t, b) => t + counts[a][b], 0), 0);
  const rolled = starts.reduce(
    (s, a) => s + BUCKETS.filter((b) => worse(a, b)).reduce((t, b) => t + counts[a][b], 0),
    0,
  );
  return total === 0 ? null : rolled / total;
}
