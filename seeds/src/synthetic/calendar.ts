// Days as integers (days since 1970-01-01, UTC): the simulation compares and adds days millions of times,
// and only formats them when it writes a row.

import { civilFromDays, daysFromCivil } from "../../../server/src/core/time/civil-date.js";

const DAY_MS = 86_400_000;

export function parseDay(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(Date.parse(iso))) {
    throw new RangeError(`"${iso}" is not a YYYY-MM-DD date`);
  }
  return Math.round(Date.parse(iso) / DAY_MS);
}

const isoCache = new Map<number, string>();

export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** The same day of the month `months` later; callers keep days of the month at 28 or below. */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = civilFromDays(day);
  const index = y * 12 + (m - 1) + months;
  return daysFromCivil(Math.floor(index / 12), (index % 12) + 1, d);
}

export function dayOfMonth(day: number): number {
  return civilFromDays(day).d;
}

/** An instant on a UTC day, `minute` minutes after its midnight (may run into the next day). */
export function utcInstant(day: number, minute: number): string {
  return new Date(day * DAY_MS + minute * 60_000).toISOString();
}

const offsets = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes to add to UTC to get local time in `zone` at noon UTC of `day` (DST included, from ICU data). */
export function utcOffsetMinutes(zone: string, day: number): number {
  let byDay = offsets.get(zone);
  if (!byDay) {
    byDay = new Map();
    offsets.set(zone, byDay);
  }
  let offset = byDay.get(day);
  if (offset !== undefined) return offset;
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    formatters.set(zone, fmt);
  }
  const name = fmt.formatToParts(new Date(day * DAY_MS + DAY_MS / 2)).find((p) => p.type === "timeZoneName");
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name?.value ?? "");
  offset = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  byDay.set(day, offset);
  return offset;
}

/** The instant (epoch ms) of a local wall-clock time on a (local) calendar day in `zone`. */
export function localMs(zone: string, day: number, localMinute: number): number {
  return day * DAY_MS + (localMinute - utcOffsetMinutes(zone, day)) * 60_000;
}

export const msToDay = (ms: number): number => Math.floor(ms / DAY_MS);
