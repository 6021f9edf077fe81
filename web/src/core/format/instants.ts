// Instants in another time zone than the browser's (a borrower's), and durations. The browser's own time
// zone: dateTime.ts.

/** The same instant in an IANA time zone (e.g. the borrower's), with the zone's short name. */
export function formatInstantIn(value: string | Date, timeZone: string): string | null {
  const timestamp = typeof value === "string" ? Date.parse(value) : value.getTime();
  if (Number.isNaN(timestamp)) return null;
  try {
    // Spelled out: Intl refuses timeZoneName together with dateStyle and timeStyle (it threw, so this always
    // answered null).
    return new Intl.DateTimeFormat(undefined, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    }).format(timestamp);
  } catch {
    return null;
  }
}

/** Minutes as "45 min", "3 h 20 min" or "2 d 4 h": how long something has waited. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  if (hours < 24) return m % 60 === 0 ? `${hours} h` : `${hours} h ${m % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** The browser's own time zone name, to say which clock a time is on. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
