const dateTimeFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** An ISO instant in the browser's time zone ("1 Dec 2026, 09:01"); null when absent or unparseable. */
export function formatDateTime(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const timestamp = Date.parse(value);
  return Number.isNaN(timestamp) ? null : dateTimeFormatter.format(timestamp);
}
