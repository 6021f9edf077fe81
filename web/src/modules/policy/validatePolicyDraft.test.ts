import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, editedDefault } from "./defaultPolicy.fixture";
import { type PolicyDraft, type RuleDraft, toDraft } from "./policyDraft";
import { validatePolicyDraft } from "./validatePolicyDraft";

/** The default policy as the form holds it, with one rule's fields as a supervisor typed them. */
function defaultDraftWith(ruleName: string, patch: Partial<RuleDraft>): PolicyDraft {
  const draft = toDraft(DEFAULT_POLICY);
  const index = draft.rules.findIndex((r) => r.name === ruleName);
  expect(index).toBeGreaterThanOrEqual(0);
  return { ...draft, rules: draft.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) };
}

const indexOf = (name: string) => DEFAULT_POLICY.rules.findIndex((r) => r.name === name);

describe("saving the policy form", () => {
  it("gives back the default policy unchanged, propensity bounds included, when nothing was edited", () => {
    const { definition, errors } = validatePolicyDraft(toDraft(DEFAULT_POLICY));
    expect(errors).toEqual({});
    expect(definition).toEqual(DEFAULT_POLICY);
  });

  it("keeps a rule with both propensity bounds exactly, shown as percentages", () => {
    const policy = editedDefault((rules) => [
      {
        name: "in-default-middling",
        when: { tiers: ["IN_DEFAULT"], minPropensity: 0.15, maxPropensity: 0.57 },
        action: "SETTLEMENT_OFFER",
        channels: ["CALL"],
        priority: 2,
        dueInHours: 48,
      },
      ...rules,
    ]);
    const draft = toDraft(policy);
    expect(draft.rules[0]).toMatchObject({ minPropensity: "15", maxPropensity: "57" });
    expect(validatePolicyDraft(draft).definition).toEqual(policy);
  });

  it("stores a typed percentage as a share of 1, and an emptied bound as no bound", () => {
    const draft = defaultDraftWith("in-default-unlikely-to-pay", { minPropensity: "5", maxPropensity: "" });
    const rule = validatePolicyDraft(draft).definition?.rules[indexOf("in-default-unlikely-to-pay")];
    expect(rule?.when).toEqual({ tiers: ["IN_DEFAULT"], minPropensity: 0.05 });
  });

  it("refuses a percentage outside 0-100 at the field, naming the bound", () => {
    const at = `rules.${indexOf("in-default-likely-to-pay")}.when`;
    const high = validatePolicyDraft(defaultDraftWith("in-default-likely-to-pay", { minPropensity: "150" }));
    expect(high.definition).toBeNull();
    expect(high.errors).toEqual({
      [`${at}.minPropensity`]: "The lowest propensity to pay must be at most 100%.",
    });
    const low = validatePolicyDraft(defaultDraftWith("in-default-likely-to-pay", { maxPropensity: "-1" }));
    expect(low.errors).toEqual({
      [`${at}.maxPropensity`]: "The highest propensity to pay must be at least 0%.",
    });
  });

  it("refuses text that is not a number, and a highest bound below the lowest", () => {
    const at = `rules.${indexOf("in-default-likely-to-pay")}.when`;
    const text = validatePolicyDraft(defaultDraftWith("in-default-likely-to-pay", { minPropensity: "half" }));
    expect(text.errors).toEqual({
      [`${at}.minPropensity`]: "The lowest propensity to pay must be a number.",
    });
    const crossed = validatePolicyDraft(
      defaultDraftWith("in-default-likely-to-pay", { minPropensity: "60", maxPropensity: "40" }),
    );
    expect(crossed.definition).toBeNull();
    expect(crossed.errors).toEqual({
      [`${at}.maxPropensity`]: "The highest propensity to pay must not be below the lowest.",
    });
  });

  it("accepts equal bounds and the ends of the range", () => {
    const draft = defaultDraftWith("in-default-likely-to-pay", { minPropensity: "0", maxPropensity: "100" });
    const equal = defaultDraftWith("in-default-likely-to-pay", { minPropensity: "40", maxPropensity: "40" });
    expect(validatePolicyDraft(draft).errors).toEqual({});
    expect(validatePolicyDraft(equal).errors).toEqual({});
  });

  it("refuses a policy whose only in-default rules have propensity bounds, as the server would", () => {
    const draft = toDraft(editedDefault((rules) => rules.filter((r) => r.name !== "in-default-settlement")));
    const { definition, errors } = validatePolicyDraft(draft);
    expect(definition).toBeNull();
    expect(errors.rules).toMatch(/^No rule covers some cases \(In default, 90\+ DPD, no promise;/);
  });
});
