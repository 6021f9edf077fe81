const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Date-only values are calendar days, not instants: format them in UTC so no time zone shifts the day.
const dateFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** Formats "YYYY-MM-DD" (or an ISO timestamp, by its UTC day); null when absent or unparseable. */
export function formatDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const iso = DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value;
  const timestamp = Date.parse(iso);
  return Number.isNaN(timestamp) ? null : dateFormatter.format(timestamp);
}

/** Wall-clock time in an IANA time zone, e.g. to check whether it is a decent hour to call someone. */
export function formatTimeIn(timeZone: string, at: Date = new Date()): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeStyle: "short", timeZone }).format(at);
  } catch {
    return null;
  }
}
