/**
 * The runtime's canonical spelling of an IANA time zone name, or null when it is not one. ICU knows more names
 * than it lists (`Intl.supportedValuesOf`): "Asia/Kolkata" and "America/Indiana/Indianapolis" are spelled
 * "Asia/Calcutta" and "America/Indianapolis" there, and "europe/paris" is "Europe/Paris". Offsets ("+02:00",
 * "UTC+2") are refused: they ignore daylight saving, so contact windows checked against them would be wrong
 * half the year.
 */
export function canonicalTimeZone(name: string): string | null {
  const s = name.trim();
  if (s === "" || isUtcOffset(s)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: s }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether `name` is an offset rather than a zone name (for an error that says so). */
export function isUtcOffset(name: string): boolean {
  const s = name.trim();
  return /^[+-]?\d/.test(s) || /^(UTC|GMT)[+-]/i.test(s);
}
