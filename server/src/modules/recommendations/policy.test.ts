import { describe, expect, it } from "vitest";
import type { BorrowerContactProfile } from "../contact-rules/contact-rules.js";
import { tierFor } from "../scoring/risk-tier.js";
import { type CaseFacts, DEFAULT_POLICY, decide } from "./policy.js";
import { policyProblems } from "./policy.schema.js";
import { type CaseInput, recommend } from "./recommend.js";

const facts = (over: Partial<CaseFacts>): CaseFacts => ({
  tier: "LOW",
  bucket: "CURRENT",
  promise: "NONE",
  balance: 5000,
  ...over,
});

describe("the default policy", () => {
  it.each([
    [
      "critical-escalation",
      facts({ tier: "CRITICAL", bucket: "DPD_1_14" }),
      "ESCALATE_TO_RECOVERY_MANAGER",
      1,
    ],
    [
      "in-default-likely-to-pay",
      facts({ tier: "IN_DEFAULT", bucket: "DPD_90_PLUS", propensity: 0.62 }),
      "PAYMENT_PLAN",
      1,
    ],
    [
      "in-default-settlement",
      facts({ tier: "IN_DEFAULT", bucket: "DPD_90_PLUS", propensity: 0.3 }),
      "SETTLEMENT_OFFER",
      1,
    ],
    [
      "in-default-unlikely-to-pay",
      facts({ tier: "IN_DEFAULT", bucket: "DPD_90_PLUS", propensity: 0.08 }),
      "ESCALATE_TO_RECOVERY_MANAGER",
      2,
    ],
    // Without a propensity model, a loan in default is offered a settlement.
    ["in-default-settlement", facts({ tier: "IN_DEFAULT", bucket: "DPD_90_PLUS" }), "SETTLEMENT_OFFER", 1],
    ["high-60-field-visit", facts({ tier: "HIGH", bucket: "DPD_60_89", balance: 1500 }), "FIELD_VISIT", 1],
    ["high-restructure", facts({ tier: "HIGH", bucket: "DPD_60_89", balance: 200 }), "RESTRUCTURE", 2],
    ["high-restructure", facts({ tier: "HIGH", bucket: "DPD_30_59" }), "RESTRUCTURE", 2],
    [
      "medium-promise-pending",
      facts({ tier: "MEDIUM", bucket: "DPD_30_59", promise: "PENDING" }),
      "SMS_REMINDER",
      4,
    ],
    ["medium-payment-plan", facts({ tier: "MEDIUM", bucket: "DPD_15_29" }), "PAYMENT_PLAN", 2],
    ["medium-call", facts({ tier: "MEDIUM", bucket: "CURRENT" }), "CALL", 3],
    ["low-reminder", facts({ tier: "LOW", bucket: "DPD_1_14" }), "SMS_REMINDER", 4],
  ] as const)("row %s decides %o", (rule, c, action, priority) => {
    const d = decide(DEFAULT_POLICY, c);
    expect(d.rule.name).toBe(rule);
    expect(d.rule.action).toBe(action);
    expect(d.priority).toBe(priority);
  });

  it("makes a case with a broken promise more urgent and due sooner", () => {
    const normal = decide(DEFAULT_POLICY, facts({ tier: "MEDIUM", bucket: "DPD_15_29" }));
    const broken = decide(DEFAULT_POLICY, facts({ tier: "MEDIUM", bucket: "DPD_15_29", promise: "BROKEN" }));
    expect(broken.rule.name).toBe(normal.rule.name);
    expect(broken.priority).toBe(normal.priority - 1);
    expect(broken.dueInHours).toBe(normal.dueInHours / 2);
    expect(broken.brokenPromiseEscalated).toBe(true);
    expect(decide(DEFAULT_POLICY, facts({ tier: "CRITICAL", promise: "BROKEN" })).priority).toBe(1);
  });

  it("keeps a loan on a kept arrangement on reminders, whatever its tier and bucket", () => {
    for (const [tier, bucket] of [
      ["LOW", "DPD_1_14"],
      ["MEDIUM", "DPD_30_59"],
      ["HIGH", "DPD_60_89"],
      ["CRITICAL", "DPD_60_89"],
      ["IN_DEFAULT", "DPD_90_PLUS"],
    ] as const) {
      const d = decide(DEFAULT_POLICY, facts({ tier, bucket, arrangement: "ON_TRACK" }));
      expect(d.rule.name).toBe("arrangement-on-track");
      expect(d.rule.action).toBe("SMS_REMINDER");
      expect(d.brokenPromiseEscalated).toBe(false);
    }
    // Without an arrangement (or once it is paid off) the same case is pressed as before.
    expect(decide(DEFAULT_POLICY, facts({ tier: "IN_DEFAULT", bucket: "DPD_90_PLUS" })).rule.name).toBe(
      "in-default-settlement",
    );
  });

  it("counts a broken arrangement instalment like a broken promise", () => {
    const viaPromise = decide(
      DEFAULT_POLICY,
      facts({ tier: "MEDIUM", bucket: "DPD_15_29", promise: "BROKEN" }),
    );
    const viaPlan = decide(
      DEFAULT_POLICY,
      facts({ tier: "MEDIUM", bucket: "DPD_15_29", arrangement: "BROKEN" }),
    );
    expect(viaPlan).toEqual(viaPromise);
    expect(viaPlan.brokenPromiseEscalated).toBe(true);
    expect(viaPlan.rule.name).not.toBe("arrangement-on-track");
  });

  it("lets a row name a propensity-to-pay range, which a loan without that score never matches", () => {
    const selfCure = {
      name: "likely-self-cure",
      when: { buckets: ["DPD_1_14" as const], minPropensity: 0.8 },
      action: "SMS_REMINDER" as const,
      channels: ["SMS" as const],
      priority: 5,
      dueInHours: 72,
    };
    const policy = { ...DEFAULT_POLICY, rules: [selfCure, ...DEFAULT_POLICY.rules] };
    const early = facts({ tier: "MEDIUM", bucket: "DPD_1_14" });
    expect(decide(policy, { ...early, propensity: 0.91 }).rule.name).toBe("likely-self-cure");
    expect(decide(policy, { ...early, propensity: 0.4 }).rule.name).toBe("medium-payment-plan");
    expect(decide(policy, { ...early, propensity: null }).rule.name).toBe("medium-payment-plan");
    expect(decide(policy, early).rule.name).toBe("medium-payment-plan");
    expect(policyProblems(policy)).toEqual([]);
    const outOfRange = {
      ...policy,
      rules: [{ ...selfCure, when: { minPropensity: 1.5 } }, ...DEFAULT_POLICY.rules],
    };
    expect(policyProblems(outOfRange)[0]).toMatch(/rules\.0\.when\.minPropensity/);
  });

  it("covers every tier, bucket and promise state", () => {
    expect(policyProblems(DEFAULT_POLICY)).toEqual([]);
  });

  it("refuses a policy that leaves cases without an action, or is malformed", () => {
    const gap = { ...DEFAULT_POLICY, rules: DEFAULT_POLICY.rules.filter((r) => r.name !== "low-reminder") };
    expect(policyProblems(gap)[0]).toMatch(/no row covers tier LOW/);
    // Rows that need a propensity do not cover a loan in default that has none.
    const noCatchAll = {
      ...DEFAULT_POLICY,
      rules: DEFAULT_POLICY.rules.filter((r) => r.name !== "in-default-settlement"),
    };
    const problems = policyProblems(noCatchAll);
    expect(problems).toHaveLength(5);
    for (const p of problems) expect(p).toMatch(/no row covers tier IN_DEFAULT, bucket DPD_90_PLUS, promise/);
    expect(
      policyProblems({ ...DEFAULT_POLICY, rules: [{ ...DEFAULT_POLICY.rules[0], priority: 9 }] })[0],
    ).toMatch(/rules\.0\.priority/);
    const window = {
      ...DEFAULT_POLICY,
      contactRules: { ...DEFAULT_POLICY.contactRules, windowStartMinutes: 1300, windowEndMinutes: 480 },
    };
    expect(policyProblems(window)).toContain("contactRules: the contact window must start before it ends");
  });
});

describe("tiers from the card's thresholds", () => {
  const t = { medium: 0.1, high: 0.3, critical: 0.6 };
  it.each([
    [0.0999, "LOW"],
    [0.1, "MEDIUM"],
    [0.2999, "MEDIUM"],
    [0.3, "HIGH"],
    [0.6, "CRITICAL"],
    [1, "CRITICAL"],
  ])("PD %f is %s", (p, tier) => {
    expect(tierFor(p, t)).toBe(tier);
  });
  it("refuses thresholds out of order", () => {
    expect(() => tierFor(0.5, { medium: 0.4, high: 0.3, critical: 0.6 })).toThrow(/must rise/);
  });
});

describe("recommend", () => {
  const borrower: BorrowerContactProfile = {
    timeZone: "Europe/London",
    doNotContact: false,
    contactOptOuts: [],
    disputeFlag: false,
    bankruptcyFlag: false,
    deceasedFlag: false,
    legalHold: false,
  };
  const now = new Date("2025-03-12T10:00:00Z");
  const base: CaseInput = {
    probability: 0.42,
    tier: "HIGH",
    bucket: "DPD_60_89",
    dpd: 65,
    promise: "BROKEN",
    balance: 4200,
    reasons: [{ sentence: "3 of the last 6 instalments paid late" }, { sentence: "65 days past due" }],
    borrower,
    contacts: [],
  };

  it("builds channel, priority, due time and a rationale from the reasons", () => {
    const r = recommend(DEFAULT_POLICY, base, now);
    expect(r).toMatchObject({
      actionType: "FIELD_VISIT",
      channel: "FIELD_VISIT",
      priority: 1,
      routedToManager: false,
      policyVersion: 1,
      contact: { allowed: true, rules: [], reason: null, nextAllowedAt: null },
    });
    expect(r.dueAt.toISOString()).toBe("2025-03-13T22:00:00.000Z"); // 72 h halved by the broken promise
    expect(r.rationale).toBe(
      "High risk (PD 42%), 60-89 days past due, promise to pay broken: arrange a field visit. Why: 3 of the last 6 instalments paid late; 65 days past due.",
    );
  });

  it("says in the rationale how likely a past-due loan is to pay", () => {
    const r = recommend(DEFAULT_POLICY, { ...base, propensity: 0.234 }, now);
    expect(r.rationale).toContain(
      "60-89 days past due, 23% likely to pay half of the amount overdue within 30 days, promise to pay broken",
    );
  });

  it("quotes no PD for a loan in default, and explains it by its chance to pay", () => {
    const r = recommend(
      DEFAULT_POLICY,
      {
        ...base,
        probability: 1,
        tier: "IN_DEFAULT",
        bucket: "DPD_90_PLUS",
        dpd: 240,
        promise: "NONE",
        propensity: 0.07,
        reasons: [{ sentence: "nothing paid in the last 3 cycles" }],
      },
      now,
    );
    expect(r).toMatchObject({ actionType: "ESCALATE_TO_RECOVERY_MANAGER", routedToManager: true });
    expect(r.rationale).toBe(
      "In default, 90+ days past due, 7% likely to pay half of the amount overdue within 30 days: escalate to a recovery manager. Why: nothing paid in the last 3 cycles.",
    );
  });

  it("says in the rationale that the loan is on an arrangement", () => {
    const onTrack = recommend(
      DEFAULT_POLICY,
      { ...base, promise: "CANCELLED", arrangement: "ON_TRACK" },
      now,
    );
    expect(onTrack).toMatchObject({ actionType: "SMS_REMINDER", priority: 4 });
    expect(onTrack.rationale).toMatch(
      /^High risk \(PD 42%\), 60-89 days past due, payment arrangement on track:/,
    );
    const broken = recommend(DEFAULT_POLICY, { ...base, promise: "NONE", arrangement: "BROKEN" }, now);
    expect(broken).toMatchObject({ actionType: "FIELD_VISIT", priority: 1 });
    expect(broken.rationale).toContain("payment arrangement instalment broken");
  });

  it("routes a case to a manager when the borrower may not be contacted", () => {
    const r = recommend(DEFAULT_POLICY, { ...base, borrower: { ...borrower, bankruptcyFlag: true } }, now);
    expect(r).toMatchObject({
      actionType: "ESCALATE_TO_RECOVERY_MANAGER",
      channel: null,
      routedToManager: true,
      contact: { allowed: false, rules: ["BANKRUPTCY"], nextAllowedAt: null },
    });
    expect(r.contact?.reason).toContain("bankruptcy");
    expect(r.rationale).toContain("bankruptcy");
  });

  it("escalates critical cases without contacting anyone", () => {
    const r = recommend(DEFAULT_POLICY, { ...base, tier: "CRITICAL", probability: 0.8 }, now);
    expect(r).toMatchObject({
      actionType: "ESCALATE_TO_RECOVERY_MANAGER",
      channel: null,
      routedToManager: true,
      priority: 1,
      // The policy's own escalation checks no contact.
      contact: null,
    });
  });

  it("schedules a reminder for the morning when it is night where the borrower lives", () => {
    const night = new Date("2025-03-12T23:30:00Z");
    const r = recommend(DEFAULT_POLICY, { ...base, tier: "LOW", bucket: "CURRENT", promise: "NONE" }, night);
    expect(r).toMatchObject({ actionType: "SMS_REMINDER", channel: "SMS" });
    expect(r.rationale).toContain("Contact rules: Not before 2025-03-13T08:00:00.000Z");
    // The same verdict as data, so clients show the instant in the reader's time zone.
    expect(r.contact).toEqual({
      allowed: false,
      rules: ["OUTSIDE_CONTACT_HOURS"],
      reason: expect.stringContaining("contact hours"),
      nextAllowedAt: new Date("2025-03-13T08:00:00.000Z"),
    });
  });
});
