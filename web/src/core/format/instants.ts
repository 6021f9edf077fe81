const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat | null {
  const key = timeZone ?? "";
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      // Spelled out: Intl refuses timeZoneName together with dateStyle and timeStyle.
      formatter = new Intl.DateTimeFormat(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        ...(timeZone ? { timeZone, timeZoneName: "short" } : {}),
      });
    } catch {
      // A zone this browser does not know must not take the page down.
      formatter = null;
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * An ISO instant as a date and time: in the browser's zone, or in `timeZone` (an IANA name, e.g. the
 * borrower's) with the zone's abbreviation. Null when absent or unparseable.
 */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return formatterFor(timeZone)?.format(at) ?? null;
}
