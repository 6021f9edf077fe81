import { civilFromDays, daysFromCivil } from "../../core/time/civil-date.js";
import type { Money } from "./loan-history.js";

/** Money as integer cents: sums and comparisons of payments must not drift through floating point. */
export function cents(m: Money | null | undefined): number {
  if (m === null || m === undefined || m === "") return 0;
  const n = typeof m === "number" ? m : Number(m);
  if (!Number.isFinite(n)) throw new RangeError(`"${m}" is not an amount`);
  return Math.round(n * 100);
}

const DAY_MS = 86_400_000;

// Day arithmetic runs millions of times per rescoring (bucket histories check every boundary day of every
// instalment), so ISO days are converted with integer calendar arithmetic (core/time/civil-date.ts)
// instead of through Date objects. Anything that is not a plain YYYY-MM-DD day in years
// 0000-9999 goes the Date way, so results, errors included, are the same as Date's.

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days from 1970-01-01 to the ISO day (or instant) `day`, on its UTC calendar day; NaN when it is no date. */
function epochDay(day: string): number {
  if (day.length >= 10 && day.charCodeAt(4) === 45 && day.charCodeAt(7) === 45) {
    const y = digits(day, 0, 4);
    const m = digits(day, 5, 2);
    const d = digits(day, 8, 2);
    // Like Date.parse, a day past the month's end rolls over into the next month (the formula is linear in d).
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) return daysFromCivil(y, m, d);
  }
  return Math.round(Date.parse(day.slice(0, 10)) / DAY_MS);
}

/** The ISO day `z` days after 1970-01-01, for years 0000-9999. */
function isoDay(z: number): string {
  const { y, m, d } = civilFromDays(z);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

// 0000-01-01 and 9999-12-31 as days from 1970-01-01: the range a 4-digit ISO day covers.
const FIRST_DAY = -719528;
const LAST_DAY = 2932896;

/** Whole days from the ISO day (or instant) `a` to `b`, counted on UTC calendar days. */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

export function dayOf(instant: string): string {
  return instant.slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const z = epochDay(day) + n;
  if (Number.isInteger(z) && z >= FIRST_DAY && z <= LAST_DAY) return isoDay(z);
  return new Date(Date.parse(day.slice(0, 10)) + n * DAY_MS).toISOString().slice(0, 10);
}
