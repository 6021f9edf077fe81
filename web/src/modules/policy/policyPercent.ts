// The form shows a propensity bound as a percentage, the policy stores it as 0-1. Multiplying by 100 in
// floating point would show 0.15 as 15.000000000000002 and could save a number that differs from the one
// loaded; moving the decimal point in the number's own text keeps a bound exactly as it was.

/** A 0-1 share as the percentage it is, in text ("0.15" -> "15", "0.125" -> "12.5"). */
export function percentText(fraction: number): string {
  const [mantissa = "0", exponent] = String(fraction).split("e");
  // Below 1e-6 String() writes an exponent: shifting that keeps every digit.
  if (exponent !== undefined) return `${mantissa}e${Number(exponent) + 2}`;
  const [whole = "0", decimals = ""] = mantissa.split(".");
  const padded = decimals.padEnd(2, "0");
  const integer = `${whole}${padded.slice(0, 2)}`.replace(/^(-?)0+(?=\d)/, "$1");
  const rest = padded.slice(2);
  return rest === "" ? integer : `${integer}.${rest}`;
}

/** The typed percentage (already checked to be a number) as the 0-1 share the policy stores. */
export function fractionOfPercent(percent: string): number {
  const [mantissa = "", exponent = "0"] = percent.trim().toLowerCase().split("e");
  // Parsing the decimal shifted in text rounds once, to the number the percentage names.
  const shifted = Number(`${mantissa}e${Number(exponent) - 2}`);
  return Number.isFinite(shifted) ? shifted : Number(percent) / 100;
}
