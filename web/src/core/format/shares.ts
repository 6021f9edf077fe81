const shareFormatter = new Intl.NumberFormat(undefined, {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A share the API sends as a fraction (0.125) as a percentage ("12.5%"); null when there is none. */
export function formatShare(fraction: number | null | undefined): string | null {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? null
    : shareFormatter.format(fraction);
}

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
