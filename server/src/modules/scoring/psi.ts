/** The floor of a reference share, as ml/'s `evaluate.psi` has it: a training bin is never empty in practice. */
export const REFERENCE_SHARE_FLOOR = 1e-4;

/**
 * Population stability index of live counts against reference shares over the same bins:
 * sum of (live - reference) * ln(live / reference).
 *
 * An empty live bin would make the logarithm explode, and with few live rows an empty bin says little. So a
 * live share is floored at half a row (0.5 / rows, as in additive smoothing) and never below the trainer's
 * 1e-4: with 40 loans scored, an empty bin counts as 1.25%, not as 0.01%. Null without live rows.
 */
export function psi(referenceShares: readonly number[], liveCounts: readonly number[]): number | null {
  if (referenceShares.length !== liveCounts.length) {
    throw new RangeError(
      `PSI needs the same bins on both sides: ${referenceShares.length} reference, ${liveCounts.length} live`,
    );
  }
  const rows = liveCounts.reduce((s, n) => s + n, 0);
  if (rows === 0) return null;
  const floor = Math.max(REFERENCE_SHARE_FLOOR, 0.5 / rows);
  let total = 0;
  referenceShares.forEach((share, i) => {
    const e = Math.max(share, REFERENCE_SHARE_FLOOR);
    const a = Math.max((liveCounts[i] as number) / rows, floor);
    total += (a - e) * Math.log(a / e);
  });
  return total;
}

/** How a PSI is usually read (the thresholds ml/ reports against). */
export function psiReading(value: number | null): "STABLE" | "WATCH" | "SHIFTED" | null {
  if (value === null) return null;
  if (value < 0.1) return "STABLE";
  return value <= 0.25 ? "WATCH" : "SHIFTED";
}
