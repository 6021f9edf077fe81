const percentFormatter = new Intl.NumberFormat(undefined, {
  style: "percent",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const integerFormatter = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** The API sends annual rates as percent strings ("13.49"), Intl expects fractions. */
export function formatPercent(percent: string | null | undefined): string | null {
  if (percent === null || percent === undefined || percent.trim() === "") return null;
  const value = Number(percent);
  return Number.isFinite(value) ? percentFormatter.format(value / 100) : null;
}

export function formatInteger(value: number): string {
  return integerFormatter.format(value);
}
