// Instants in a named IANA time zone (the borrower's) next to the browser's own, with Intl alone: formatted
// with the weekday and the zone named (a contact time is planned by the day and read on two clocks), and
// wall-clock times of a zone turned into instants and back (datetime-local inputs in the borrower's time).

const instantFormatters = new Map<string, Intl.DateTimeFormat | null>();

function instantFormatter(timeZone: string | undefined): Intl.DateTimeFormat | null {
  const key = timeZone ?? "";
  let formatter = instantFormatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat(undefined, {
        weekday: "short",
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZoneName: "short",
        timeZone,
      });
    } catch {
      // A zone this browser does not know must not take the page down: the caller falls back.
      formatter = null;
    }
    instantFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * "Tue, 1 Dec 2026, 09:00 EST": an ISO instant in `timeZone` (the browser's when left out), with the zone
 * named so the reader knows whose clock it is; null when absent, unparseable or the zone is unknown.
 */
export function formatInstant(iso: string | null | undefined, timeZone?: string): string | null {
  if (iso === null || iso === undefined || iso === "") return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return instantFormatter(timeZone)?.format(at) ?? null;
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of `at` in `timeZone`, as if it were UTC (milliseconds), or null for an unknown zone. */
function wallClockAsUtc(at: number, timeZone: string): number | null {
  let formatter = wallClockFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      return null;
    }
    wallClockFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
}

/** Minutes `timeZone` is ahead of UTC at the instant `at` (negative west of Greenwich); null for an unknown zone. */
export function utcOffsetMinutes(timeZone: string, at: number): number | null {
  const whole = Math.floor(at / 1000) * 1000;
  const wall = wallClockAsUtc(whole, timeZone);
  return wall === null ? null : Math.round((wall - whole) / 60_000);
}

/** Whether two zones read the same wall-clock time at `at` (then one time is enough to show). */
export function sameWallClock(a: string, b: string, at: number): boolean {
  const offsetA = utcOffsetMinutes(a, at);
  return offsetA !== null && offsetA === utcOffsetMinutes(b, at);
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock time ("YYYY-MM-DDTHH:mm", as a datetime-local input gives it) names in `timeZone`;
 * null when malformed or the zone is unknown. A time skipped by a daylight-saving change maps to the instant
 * an hour later, as clocks do.
 */
export function wallTimeToInstant(wallTime: string, timeZone: string): Date | null {
  const m = WALL_TIME.exec(wallTime);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const first = utcOffsetMinutes(timeZone, asUtc);
  if (first === null) return null;
  let at = asUtc - first * 60_000;
  // Near a daylight-saving change the offset at the guess and at the answer differ: take the answer's.
  const second = utcOffsetMinutes(timeZone, at);
  if (second !== null && second !== first) at = asUtc - second * 60_000;
  return new Date(at);
}

/** `at` as a wall-clock time "YYYY-MM-DDTHH:mm" in `timeZone` (for a datetime-local input); null for an unknown zone. */
export function instantToWallTime(at: Date, timeZone: string): string | null {
  const wall = wallClockAsUtc(at.getTime(), timeZone);
  return wall === null ? null : new Date(wall).toISOString().slice(0, 16);
}
