const amountFormatter = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/**
 * An aggregate amount (a portfolio's balance, a month's collections) to the whole unit: the API sums loans of
 * any currency into these, so no currency symbol is claimed.
 */
export function formatAmount(value: number): string {
  return amountFormatter.format(value);
}
