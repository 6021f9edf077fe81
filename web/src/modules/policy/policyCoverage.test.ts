import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, editedDefault } from "./defaultPolicy.fixture";
import { describeUncovered, type UncoveredCase, uncoveredCases } from "./policyCoverage";
import { PROMISE_CONDITIONS } from "./policyModel";

/** A tier and bucket that can occur together: IN_DEFAULT exactly in the 90+ bucket. */
const possible = (c: UncoveredCase) => (c.tier === "IN_DEFAULT") === (c.bucket === "DPD_90_PLUS");

const without = (name: string) => editedDefault((rules) => rules.filter((r) => r.name !== name)).rules;

describe("which cases no rule covers", () => {
  it("finds none in the default policy", () => {
    expect(uncoveredCases(DEFAULT_POLICY.rules)).toEqual([]);
  });

  it("reports loans in default without a propensity score when only bounded in-default rules are left", () => {
    const missing = uncoveredCases(without("in-default-settlement"));
    expect(missing).toEqual(
      PROMISE_CONDITIONS.map((promise) => ({ tier: "IN_DEFAULT", bucket: "DPD_90_PLUS", promise })),
    );
  });

  it("reports a tier's missing catch-all only in the buckets that tier can be in", () => {
    const missing = uncoveredCases(without("low-reminder"));
    expect(missing).toHaveLength(5 * PROMISE_CONDITIONS.length);
    expect(missing.every((c) => c.tier === "LOW" && c.bucket !== "DPD_90_PLUS")).toBe(true);
  });

  it("never reports a pair that cannot occur, even with no rules at all", () => {
    const missing = uncoveredCases([]);
    expect(missing.every(possible)).toBe(true);
    // Four tiers in the five buckets before default, IN_DEFAULT in one, each in every promise state.
    expect(missing).toHaveLength((4 * 5 + 1) * PROMISE_CONDITIONS.length);
    const pairs = new Set(missing.map((c) => `${c.tier}/${c.bucket}`));
    expect(pairs).toContain("IN_DEFAULT/DPD_90_PLUS");
    expect(pairs).not.toContain("IN_DEFAULT/CURRENT");
    expect(pairs).not.toContain("HIGH/DPD_90_PLUS");
  });

  it("does not count a rule with a propensity bound as a catch-all, like one with a balance bound", () => {
    const bounded = editedDefault((rules) =>
      rules.map((r) => (r.name === "low-reminder" ? { ...r, when: { ...r.when, maxPropensity: 1 } } : r)),
    ).rules;
    expect(uncoveredCases(bounded).map((c) => c.tier)).toContain("LOW");
  });

  it("tells the supervisor to add a rule without balance or propensity bounds", () => {
    expect(describeUncovered(uncoveredCases(without("in-default-settlement")))).toBe(
      "No rule covers some cases (In default, 90+ DPD, no promise; In default, 90+ DPD, promise pending; In default, 90+ DPD, promise kept and 2 more). Add a rule without balance or propensity bounds that catches the rest of each tier, e.g. one with only the tier ticked, last.",
    );
  });
});
