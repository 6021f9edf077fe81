// Durations and the browser's time zone. Instants in a named zone: zonedTime.ts; in the browser's: dateTime.ts.

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
