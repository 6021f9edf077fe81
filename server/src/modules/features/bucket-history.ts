import type { DelinquencyBucket } from "../../generated/prisma/enums.js";
import { BUCKET_LOWER_BOUNDS, bucketForDpd } from "../loans/delinquency-bucket.js";
import { dpdTimeline, paidOnlyForward } from "./days-past-due.js";
import type { LoanHistory } from "./loan-history.js";
import { addDays, dayOf } from "./money-and-days.js";

export interface BucketInterval {
  bucket: DelinquencyBucket;
  enteredOn: string;
  /** The day it moved to another bucket; null while it is still there as of the date. */
  leftOn: string | null;
}

/**
 * A bucket history as one text, oldest first: "BUCKET enteredOn leftOn|-" joined by commas. The history
 * stream reads the stored one in this form (loan-history.repository.ts), so the two are compared as texts.
 */
export function bucketHistoryKey(intervals: readonly BucketInterval[]): string {
  return intervals.map((i) => `${i.bucket} ${i.enteredOn} ${i.leftOn ?? "-"}`).join(",");
}

/**
 * A loan's stay in each bucket up to the as-of date. Days past due only change bucket on a due date, on a
 * payment or reversal, or when the oldest unpaid amount crosses a bucket boundary (its due date plus 1, 15,
 * 30, 60 or 90 days), so checking those days is exact.
 */
export function bucketHistory(
  history: Pick<LoanHistory, "schedule" | "payments" | "asOfDate">,
): BucketInterval[] {
  const asOf = history.asOfDate;
  const schedule = history.schedule.filter((s) => s.dueDate <= asOf);
  if (schedule.length === 0) return [];
  const payments = history.payments.filter((p) => dayOf(p.paidAt) <= asOf);
  const dpdAt = dpdTimeline({ schedule, payments }, asOf);
  // An amount's boundary days matter only while it is the oldest unpaid one. When paid amounts stay paid,
  // an amount nothing is past due on the day after its due date was paid by then, and never counts again:
  // most loans pay on time, and their boundary days were most of the days checked.
  const forward = paidOnlyForward({ schedule, payments }, asOf);
  const days = new Set<string>();
  for (const s of schedule) {
    days.add(s.dueDate);
    const dayAfter = addDays(s.dueDate, 1);
    if (forward && (dayAfter > asOf || dpdAt(dayAfter) === 0)) continue;
    for (const [, lower] of BUCKET_LOWER_BOUNDS) if (lower > 0) days.add(addDays(s.dueDate, lower));
  }
  for (const p of payments) days.add(dayOf(p.paidAt));
  days.add(asOf);
  const first = schedule.map((s) => s.dueDate).sort()[0] ?? asOf;
  const intervals: BucketInterval[] = [];
  for (const day of [...days].filter((d) => d >= first && d <= asOf).sort()) {
    const bucket = bucketForDpd(dpdAt(day));
    const open = intervals.at(-1);
    if (open?.bucket === bucket) continue;
    if (open) open.leftOn = day;
    intervals.push({ bucket, enteredOn: day, leftOn: null });
  }
  return intervals;
}
