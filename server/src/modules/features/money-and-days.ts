import type { Money } from "./loan-history.js";

/** Money as integer cents: sums and comparisons of payments must not drift through floating point. */
export function cents(m: Money | null | undefined): number {
  if (m === null || m === undefined || m === "") return 0;
  const n = typeof m === "number" ? m : Number(m);
  if (!Number.isFinite(n)) throw new RangeError(`"${m}" is not an amount`);
  return Math.round(n * 100);
}

const DAY_MS = 86_400_000;

/** Whole days from the ISO day (or instant) `a` to `b`, counted on UTC calendar days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / DAY_MS);
}

export function dayOf(instant: string): string {
  return instant.slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(day.slice(0, 10)) + n * DAY_MS).toISOString().slice(0, 10);
}
