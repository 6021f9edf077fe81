// Instants (ISO UTC from the API) as people read them: in the browser's time zone, or in someone else's
// (a borrower's) when it matters when it is for them.

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat | null {
  let cached = formatters.get(key);
  if (cached === undefined) {
    try {
      cached = new Intl.DateTimeFormat(undefined, options);
    } catch {
      // An IANA zone this browser does not know: the caller falls back to the browser's own zone.
      cached = null;
    }
    formatters.set(key, cached);
  }
  return cached;
}

function parse(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined || iso === "") return null;
  const timestamp = Date.parse(iso);
  return Number.isNaN(timestamp) ? null : timestamp;
}

/** "Tue, 3 Mar, 14:05" in `timeZone` (default: the browser's); null when absent or unparseable. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string | null {
  const timestamp = parse(iso);
  if (timestamp === null) return null;
  const format =
    formatter(`dt:${timeZone ?? ""}`, {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    }) ??
    formatter("dt:", {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
  return format?.format(timestamp) ?? null;
}

/** The zone's short name at that instant ("GMT+5:30", "CET"), for saying whose clock a time is on. */
export function timeZoneShortName(timeZone: string, at: number = Date.now()): string {
  const parts = formatter(`tz:${timeZone}`, { timeZone, timeZoneName: "short" })?.formatToParts(at);
  return parts?.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** The browser's IANA time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether two zones show the same wall-clock time at an instant, so one time can serve both readers. */
export function sameWallClock(a: string, b: string, at: number): boolean {
  return (
    a === b || formatDateTime(new Date(at).toISOString(), a) === formatDateTime(new Date(at).toISOString(), b)
  );
}

/** Whether the instant is before now. */
export function isPast(iso: string, now: number = Date.now()): boolean {
  const timestamp = parse(iso);
  return timestamp !== null && timestamp < now;
}

/** Midnight at the start of a "YYYY-MM-DD" day in the browser's time zone, as an ISO instant. */
export function startOfLocalDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** "YYYY-MM-DD" of an instant in the browser's time zone (what a date input shows). */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
