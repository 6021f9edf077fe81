/** Cents to the decimal string the bulk path stages (exact: money never goes through floating point). */
export function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${sign}${(abs - rest) / 100}.${rest < 10 ? "0" : ""}${rest}`;
}
