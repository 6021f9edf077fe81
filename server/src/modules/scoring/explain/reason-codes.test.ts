import { describe, expect, it } from "vitest";
import { explainLinear } from "./linear-attribution.js";
import { topReasons } from "./reason-codes.js";

describe("topReasons", () => {
  it("keeps the four strongest effects with direction and a readable sentence", () => {
    const names = [
      "current_dpd",
      "on_time_ratio",
      "engagement_score",
      "exposure",
      "missed_cycles_6",
      "age_years",
    ];
    const values = [45, 0.5, null, 12000, 3, 40];
    const reasons = topReasons(names, values, [0.9, 0.4, 0, -0.05, 0.6, -0.3]);
    expect(reasons.map((r) => [r.feature, r.direction])).toEqual([
      ["current_dpd", "RAISES_RISK"],
      ["missed_cycles_6", "RAISES_RISK"],
      ["on_time_ratio", "RAISES_RISK"],
      ["age_years", "LOWERS_RISK"],
    ]);
    expect(reasons.map((r) => r.sentence)).toEqual([
      "45 days past due on the oldest unpaid amount",
      "nothing paid towards 3 of the last 6 due amounts",
      "50% of amounts due in the last year paid on time",
      "borrower aged 40",
    ]);
  });
});

describe("explainLinear", () => {
  it("attributes coefficient x standardised deviation, imputing missing values, adding up to the margin", () => {
    const model = {
      intercept: -1,
      coefficients: [0.5, -2],
      imputation: [3, 10],
      mean: [2, 10],
      scale: [2, 5],
    };
    const { contributions, expected, margin } = explainLinear(model, [6, Number.NaN]);
    expect([...contributions]).toEqual([0.5 * ((6 - 2) / 2), -2 * ((10 - 10) / 5)]);
    expect(expected + contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(margin, 12);
    expect(margin).toBe(0);
  });
});
