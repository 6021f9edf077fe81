import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, editedDefault } from "./defaultPolicy.fixture";
import { diffPolicies } from "./policyDiff";
import type { PolicyRule } from "./policyModel";

const withWhen = (name: string, when: (w: PolicyRule["when"]) => PolicyRule["when"]) =>
  editedDefault((rules) => rules.map((r) => (r.name === name ? { ...r, when: when(r.when) } : r)));

describe("the draft's changes against the active policy", () => {
  it("lists none for the same policy", () => {
    expect(
      diffPolicies(
        DEFAULT_POLICY,
        editedDefault((rules) => rules),
      ).empty,
    ).toBe(true);
  });

  it("shows a changed propensity bound as a change of that rule", () => {
    const next = withWhen("in-default-unlikely-to-pay", (w) => ({ ...w, maxPropensity: 0.2 }));
    expect(diffPolicies(DEFAULT_POLICY, next).rules).toEqual([
      {
        kind: "Changed",
        summary: "Changed “in-default-unlikely-to-pay”",
        details: ["Propensity to pay: propensity to pay at most 15% → propensity to pay at most 20%"],
      },
    ]);
  });

  it("shows a removed bound, and one changed by a fraction of a percent", () => {
    const removed = withWhen("in-default-likely-to-pay", ({ minPropensity: _, ...w }) => w);
    expect(diffPolicies(DEFAULT_POLICY, removed).rules[0]?.details).toEqual([
      "Propensity to pay: propensity to pay at least 50% → any",
    ]);
    const nudged = withWhen("in-default-likely-to-pay", (w) => ({ ...w, minPropensity: 0.501 }));
    expect(diffPolicies(DEFAULT_POLICY, nudged).rules[0]?.details).toEqual([
      "Propensity to pay: propensity to pay at least 50% → propensity to pay at least 50.1%",
    ]);
  });

  it("describes an added rule's propensity bound", () => {
    const next = editedDefault((rules) => [
      {
        name: "in-default-middling",
        when: { tiers: ["IN_DEFAULT"], minPropensity: 0.15, maxPropensity: 0.5 },
        action: "SETTLEMENT_OFFER",
        channels: ["CALL"],
        priority: 2,
        dueInHours: 48,
      },
      ...rules,
    ]);
    expect(diffPolicies(DEFAULT_POLICY, next).rules[0]?.summary).toBe(
      "Added “in-default-middling” as rule 1: In default; propensity to pay 15% to 50% → Settlement offer via Phone call; priority 2; due in 48 h (2 days)",
    );
  });
});
