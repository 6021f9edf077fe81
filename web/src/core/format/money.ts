const formatters = new Map<string, Intl.NumberFormat | null>();

function moneyFormatter(currency: string): Intl.NumberFormat | null {
  let formatter = formatters.get(currency);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(undefined, { style: "currency", currency });
    } catch {
      // An ISO code the browser does not know must not take the whole page down.
      formatter = null;
    }
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** Formats an API decimal string ("12500.00") in the given ISO 4217 currency; null when absent or invalid. */
export function formatMoney(amount: string | null | undefined, currency: string): string | null {
  if (amount === null || amount === undefined || amount.trim() === "") return null;
  const value = Number(amount);
  if (!Number.isFinite(value)) return null;
  const formatter = moneyFormatter(currency);
  return formatter === null ? `${amount} ${currency}` : formatter.format(value);
}
