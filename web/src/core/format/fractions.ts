const shareFormatters = new Map<number, Intl.NumberFormat>();

/** A fraction (0.1234) as a percentage ("12.3%"); null when absent. */
export function formatShare(fraction: number | null | undefined, digits = 1): string | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null;
  let formatter = shareFormatters.get(digits);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(undefined, {
      style: "percent",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    shareFormatters.set(digits, formatter);
  }
  return formatter.format(fraction);
}

const decimalFormatters = new Map<number, Intl.NumberFormat>();

/** A statistic (an AUC, a PSI) to a fixed number of decimals; null when absent. */
export function formatDecimal(value: number | null | undefined, digits = 3): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  let formatter = decimalFormatters.get(digits);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(undefined, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    decimalFormatters.set(digits, formatter);
  }
  return formatter.format(value);
}

const probabilityFormatter = new Intl.NumberFormat(undefined, {
  style: "percent",
  maximumSignificantDigits: 3,
});

/**
 * A probability as a percentage to three significant digits ("0.281%", "4.71%", "45.6%"): cut-offs of a
 * model's tiers and bands can sit a fraction of a percent apart, which a fixed one decimal would merge.
 */
export function formatProbability(value: number | null | undefined): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return probabilityFormatter.format(value);
}
