import { describe, expect, it } from "vitest";
import { psi, psiReading } from "./psi.js";

describe("psi", () => {
  it("is zero when live rows fall as the reference did", () => {
    expect(psi([0.5, 0.3, 0.2], [50, 30, 20])).toBeCloseTo(0, 12);
  });

  it("sums (live - reference) ln(live / reference) over the bins", () => {
    // live shares 0.25, 0.25, 0.5
    const expected =
      (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.25 - 0.3) * Math.log(0.25 / 0.3) + 0.3 * Math.log(0.5 / 0.2);
    expect(psi([0.5, 0.3, 0.2], [1, 1, 2])).toBeCloseTo(expected, 12);
  });

  it("floors an empty live bin at half a row, so a small sample does not explode", () => {
    // 4 rows: the empty bin counts as 0.5 / 4 = 0.125 rather than 0.
    const floored = (0.125 - 0.5) * Math.log(0.125 / 0.5) + 0.5 * Math.log(1 / 0.5);
    expect(psi([0.5, 0.5], [0, 4])).toBeCloseTo(floored, 12);
    // With many rows the floor is the trainer's 1e-4.
    const big = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(1 / 0.5);
    expect(psi([0.5, 0.5], [0, 1_000_000])).toBeCloseTo(big, 9);
  });

  it("is null without live rows and refuses mismatched bins", () => {
    expect(psi([0.5, 0.5], [0, 0])).toBeNull();
    expect(() => psi([1], [1, 2])).toThrow(/same bins/);
  });

  it("reads below 0.1 as stable and above 0.25 as a shift", () => {
    expect([psiReading(0.05), psiReading(0.2), psiReading(0.3), psiReading(null)]).toEqual([
      "STABLE",
      "WATCH",
      "SHIFTED",
      null,
    ]);
  });
});
