import { canonicalTimeZone, isUtcOffset } from "../../../core/validation/time-zones.js";

/** Parsing one cell: a value, or a reason a person can act on. Empty cells are `null` (missing). */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; error: string };

export type FieldType =
  | "text"
  | "int"
  | "decimal"
  /** An amount of money: at most two decimals, within the database's NUMERIC(14,2). */
  | "money"
  | "date"
  | "datetime"
  | "bool"
  | "enum"
  /** Several enum codes in one cell, separated by ";", "," or "|" ("SMS;EMAIL"). */
  | "enum-list"
  /** An IANA time zone name ("Europe/Paris"). */
  | "timezone";
export type DateFormat = "YYYY-MM-DD" | "DD/MM/YYYY" | "MM/DD/YYYY";

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Decimals stay strings: money is never rounded through a float on its way to NUMERIC. */
export function parseDecimal(raw: string): Parsed<string> {
  const s = raw.trim();
  if (s === "") return ok(null);
  if (!DECIMAL.test(s))
    return fail(`"${raw}" is not a number (use digits with a "." decimal point, no currency signs)`);
  if (!/[eE]/.test(s)) return ok(s);
  const n = Number(s);
  return Number.isFinite(n) ? ok(String(n)) : fail(`"${raw}" is too large to be a number`);
}

/** NUMERIC(14,2): twelve digits before the point. */
const MONEY_DIGITS = 12;
const MONEY_MAX = "999999999999.99";

const tooManyDecimals = (raw: string) =>
  fail<string>(`"${raw}" has more than two decimals: an amount is in whole cents, e.g. 150.25`);

/**
 * An amount as the database keeps it, written with two decimals ("150" is "150.00"). More decimals are
 * refused rather than rounded: a cent lost or invented in an import is a wrong balance.
 */
export function parseMoney(raw: string): Parsed<string> {
  const d = parseDecimal(raw);
  if (!d.ok || d.value === null) return d;
  const tooLarge = fail<string>(`"${raw}" is too large for an amount (at most ${MONEY_MAX})`);
  // Only exponents survive in a normalised decimal: 1e+21 (huge) or 1e-7 (tiny).
  if (/e/.test(d.value)) return Math.abs(Number(d.value)) >= 1 ? tooLarge : tooManyDecimals(raw);
  const [, sign, whole = "", fraction = ""] = /^([+-]?)(\d*)\.?(\d*)$/.exec(d.value) ?? [];
  const cents = fraction.replace(/0+$/, "");
  if (cents.length > 2) return tooManyDecimals(raw);
  const units = whole.replace(/^0+/, "") || "0";
  if (units.length > MONEY_DIGITS) return tooLarge;
  const amount = `${units}.${cents.padEnd(2, "0")}`;
  return ok(sign === "-" && amount !== "0.00" ? `-${amount}` : amount);
}

/** PostgreSQL's integer: whole counts (days, months, sequences) are stored in one. */
const INT_MAX = 2_147_483_647;

export function parseInteger(raw: string): Parsed<number> {
  const d = parseDecimal(raw);
  if (!d.ok || d.value === null) return d as Parsed<number>;
  const n = Number(d.value);
  if (!Number.isInteger(n)) return fail(`"${raw}" is not a whole number`);
  if (Math.abs(n) > INT_MAX) return fail(`"${raw}" is too large (at most ${INT_MAX})`);
  return ok(n);
}

function isoDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function parseDate(raw: string, format: DateFormat = "YYYY-MM-DD"): Parsed<string> {
  const s = raw.trim();
  if (s === "") return ok(null);
  let parts: [number, number, number] | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (slashed && format === "DD/MM/YYYY")
    parts = [Number(slashed[3]), Number(slashed[2]), Number(slashed[1])];
  else if (slashed && format === "MM/DD/YYYY")
    parts = [Number(slashed[3]), Number(slashed[1]), Number(slashed[2])];
  if (!parts) return fail(`"${raw}" is not a date in the format ${format}`);
  const day = isoDay(...parts);
  return day ? ok(day) : fail(`"${raw}" is not a real calendar date`);
}

/** ISO 8601 instants; without an offset the time is taken as UTC. A bare date is midnight UTC. */
export function parseDateTime(raw: string, format: DateFormat = "YYYY-MM-DD"): Parsed<string> {
  const s = raw.trim();
  if (s === "") return ok(null);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) {
    const day = parseDate(m[1] as string);
    const [hours = 0, minutes = 0, seconds = 0] = (m[2] as string).split(":").map(Number);
    // Date would roll 24:00 or 23:60 over into the next hour or day instead of refusing them.
    if (!day.ok || hours > 23 || minutes > 59 || seconds >= 60)
      return fail(`"${raw}" is not a real date and time`);
    const when = new Date(`${m[1]}T${m[2]}${m[3] ?? "Z"}`);
    if (Number.isNaN(when.getTime())) return fail(`"${raw}" is not a valid date and time`);
    return ok(when.toISOString());
  }
  const day = parseDate(s, format);
  if (!day.ok) return fail(`"${raw}" is not a date and time (use ISO 8601, e.g. 2025-03-31T14:05:00Z)`);
  return ok(day.value === null ? null : `${day.value}T00:00:00.000Z`);
}

const TRUE = new Set(["1", "true", "t", "yes", "y"]);
const FALSE = new Set(["0", "false", "f", "no", "n"]);

export function parseBool(raw: string): Parsed<boolean> {
  const s = raw.trim().toLowerCase();
  if (s === "") return ok(null);
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail(`"${raw}" is not yes/no (use Y/N, true/false or 1/0)`);
}

/** A code as we spell codes: "no answer" and "No-Answer" are NO_ANSWER. */
export const enumCode = (s: string) =>
  s
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");

/** Maps a source code to one of ours, case-insensitively; `values` maps source spellings to our codes. */
export function parseEnum(
  raw: string,
  allowed: readonly string[],
  values: Record<string, string> = {},
): Parsed<string> {
  const s = raw.trim();
  if (s === "") return ok(null);
  const byLower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  const mapped = byLower.get(s.toLowerCase()) ?? enumCode(s);
  if (allowed.includes(mapped)) return ok(mapped);
  return fail(`"${raw}" is not one of ${allowed.join(", ")}`);
}

/** Several codes in one cell ("SMS; EMAIL"), each mapped like an enum; an empty cell is an empty list. */
export function parseEnumList(
  raw: string,
  allowed: readonly string[],
  values: Record<string, string> = {},
): Parsed<string[]> {
  const parts = raw
    .split(/[;,|]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const codes: string[] = [];
  for (const part of parts) {
    const one = parseEnum(part, allowed, values);
    if (!one.ok) return fail(`${one.error} (in the list "${raw.trim()}")`);
    if (one.value !== null && !codes.includes(one.value)) codes.push(one.value);
  }
  return ok(codes);
}

/** IANA names only, stored in the runtime's canonical spelling (core/validation/time-zones.ts); no offsets. */
export function parseTimeZone(raw: string): Parsed<string> {
  if (raw.trim() === "") return ok(null);
  const hint = "use an IANA time zone name such as Europe/London or America/New_York";
  if (isUtcOffset(raw)) return fail(`"${raw}" is an offset, not a time zone: ${hint}`);
  const zone = canonicalTimeZone(raw);
  return zone === null ? fail(`"${raw}" is not a known time zone: ${hint}`) : ok(zone);
}
