import { describe, expect, it } from "vitest";
import { describeConditions } from "./policyLabels";

describe("a rule's conditions in words", () => {
  it("names a lower propensity bound as a percentage", () => {
    expect(describeConditions({ tiers: ["IN_DEFAULT"], minPropensity: 0.5 })).toBe(
      "In default; propensity to pay at least 50%",
    );
  });

  it("names an upper bound, a band, and a bound with decimals exactly", () => {
    expect(describeConditions({ maxPropensity: 0.15 })).toBe("propensity to pay at most 15%");
    expect(describeConditions({ minPropensity: 0.2, maxPropensity: 0.65 })).toBe(
      "propensity to pay 20% to 65%",
    );
    expect(describeConditions({ minPropensity: 0.125 })).toBe("propensity to pay at least 12.5%");
  });

  it("puts the propensity after the balance, and says 'Every case' for a rule with no condition", () => {
    expect(describeConditions({ minBalance: 1000, maxPropensity: 0 })).toMatch(
      /^balance at least 1[,.\u00a0\u202f]?000; propensity to pay at most 0%$/,
    );
    expect(describeConditions({})).toBe("Every case");
  });
});
