import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  kaggleStyleDerived,
  kaggleStyleHistory,
  uciStyleDerived,
  uciStyleHistory,
} from "../../../test/feature-histories.js";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { computeFeatures } from "../features/compute-features.js";
import { FEATURE_NAMES, FEATURE_VERSION } from "../features/feature-catalogue.js";
import { HISTORY_LIMITS } from "../features/loan-history.schema.js";

const history = {
  asOfDate: "2026-10-31",
  loan: {
    productType: "INSTALMENT",
    principal: "1200",
    interestRate: "18",
    termMonths: 12,
    openedAt: "2026-01-15",
    grade: "D",
  },
  borrower: { ageYears: 29, annualIncome: "31000", segment: "subprime" },
  schedule: Array.from({ length: 9 }, (_, i) => ({
    sequence: i + 1,
    dueDate: `2026-${String(i + 2).padStart(2, "0")}-15`,
    amountDue: "110",
  })),
  payments: [
    { key: "a", type: "PAYMENT", amount: "110", paidAt: "2026-02-15T09:00:00Z" },
    { key: "b", type: "PAYMENT", amount: "110", paidAt: "2026-03-20T09:00:00Z" },
    { key: "c", type: "PAYMENT", amount: "50", paidAt: "2026-05-02T09:00:00Z" },
  ],
  contacts: [
    { channel: "CALL", direction: "OUTBOUND", outcome: "NO_ANSWER", startedAt: "2026-10-20T14:00:00Z" },
  ],
  promises: [{ amount: "220", promisedDate: "2026-09-30", createdAt: "2026-09-20T10:00:00Z" }],
};

describe("POST /predict", () => {
  let app: TestApp;
  let key: string;
  let keyId: string;
  let fixture: { rows: (number | null)[][]; probabilities: number[]; features: string[] };
  const post = (body: unknown, apiKey = key) =>
    fetch(`${app.baseUrl}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    app = await startTestApp(inject("servedModelDir"));
    const created = await app.services.apiKeys.create(`predict-test-${Date.now()}`, 0);
    key = created.key;
    keyId = created.record.id;
    fixture = JSON.parse(readFileSync(path.join(inject("servedModelDir"), "parity-fixture.json"), "utf8"));
  });
  afterAll(async () => {
    await app.services.db.auditLog.deleteMany({ where: { actorApiKeyId: keyId } });
    await app.services.db.apiKey.deleteMany({ where: { name: { startsWith: "predict-test-" } } });
    await app.close();
  });

  it("scores a precomputed vector exactly as the trained model did, with tier, action and reasons", async () => {
    expect(fixture.features).toEqual(FEATURE_NAMES);
    for (const [r, row] of fixture.rows.slice(0, 10).entries()) {
      const features = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, row[i] ?? null]));
      const res = await post({ featureVersion: FEATURE_VERSION, features });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        probabilityOfDefault: number;
        tier: string;
        reasons: { sentence: string }[];
        recommendedAction: { actionType: string; rationale: string };
      };
      expect(Math.abs(body.probabilityOfDefault - (fixture.probabilities[r] as number))).toBeLessThan(1e-5);
      expect(["LOW", "MEDIUM", "HIGH", "CRITICAL"]).toContain(body.tier);
      expect(body.reasons.length).toBeLessThanOrEqual(4);
      expect(body.recommendedAction.rationale).toMatch(/risk \(PD \d+%\)/);
      // The caller has the vector it posted: it is not echoed.
      expect(body).not.toHaveProperty("features");
    }
  });

  it("scores a posted loan history through the same feature code, storing nothing and auditing no personal data", async () => {
    const loans = await app.services.db.loan.count();
    const res = await post({ history, contact: { timeZone: "Europe/Madrid", outstandingBalance: 770 } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      features: Record<string, number | null>;
      daysPastDue: number;
      bucket: string;
      tier: string;
      probabilityOfDefault: number;
      reasons: unknown[];
      recommendedAction: { rationale: string };
    };
    expect(body.features).toEqual(computeFeatures(history as never));
    expect(body.daysPastDue).toBe(199); // April 15 (partly paid) is the oldest unpaid instalment on Oct 31
    expect(body.bucket).toBe("DPD_90_PLUS");
    // Already in default: the PD model is not asked (its default has happened), so no PD reasons either.
    expect(body).toMatchObject({ tier: "IN_DEFAULT", probabilityOfDefault: 1, reasons: [] });
    expect(body.recommendedAction.rationale).toMatch(/^In default, 90\+ days past due/);
    expect(await app.services.db.loan.count()).toBe(loans);
    // The prediction's audit record is written with the next batch, not before the answer.
    await app.services.audit.flush();
    const audit = await app.services.db.auditLog.findFirst({
      where: { actorApiKeyId: keyId, action: "rest.predict" },
      orderBy: { id: "desc" },
    });
    expect(audit?.details).toMatchObject({ mode: "history", bucket: "DPD_90_PLUS" });
    // What was decided and by which model, nothing about the borrower or the loan. (The model version holds
    // a timestamp, which may contain any digits: it is checked by name, not by content.)
    const { modelVersion, ...decision } = (audit?.details ?? {}) as Record<string, unknown>;
    expect(Object.keys(decision).sort()).toEqual(["action", "bucket", "mode", "policyVersion", "tier"]);
    expect(modelVersion).toBe(app.services.models.card()?.version);
    expect(JSON.stringify(decision)).not.toMatch(/Madrid|770|1200/);
  });

  it("takes a borrower's IANA time zone however the runtime spells it", async () => {
    for (const timeZone of ["Asia/Kolkata", "America/Indiana/Indianapolis", "europe/paris"]) {
      const res = await post({ history, contact: { timeZone }, reasons: false });
      expect(res.status, `${timeZone}: ${await res.clone().text()}`).toBe(200);
    }
  });

  it("computes the derived features of a UCI-like and a Kaggle-like loan as the export does", async () => {
    for (const [h, derived] of [
      [uciStyleHistory, uciStyleDerived],
      [kaggleStyleHistory, kaggleStyleDerived],
    ] as const) {
      const res = await post({ history: h, reasons: false });
      expect(res.status, await res.clone().text()).toBe(200);
      const { features } = (await res.json()) as { features: Record<string, number | null> };
      expect(features).toEqual(computeFeatures(h));
      for (const [name, value] of Object.entries(derived)) {
        if (value === null) expect(features[name], name).toBeNull();
        else expect(features[name], name).toBeCloseTo(value, 10);
      }
    }
  });

  it("refuses a vector built for another feature catalogue version, or one without its version, saying which to send", async () => {
    const current = Object.fromEntries(FEATURE_NAMES.map((n) => [n, null]));
    // A vector from before catalogue versions: version 1's 22 features and no featureVersion.
    const old = Object.fromEntries(FEATURE_NAMES.slice(0, 22).map((n) => [n, null]));
    for (const body of [
      { features: old },
      { features: current },
      { featureVersion: 1, features: old },
      { featureVersion: FEATURE_VERSION + 1, features: current },
      { featureVersion: String(FEATURE_VERSION), features: current },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body.featureVersion)).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("BAD_USER_INPUT");
      const { message } = error;
      expect(message).toMatch(/featureVersion/);
      expect(message).toContain(`version ${FEATURE_VERSION}`);
      expect(message).toContain(`post the loan's "history" instead`);
    }
    const ok = await post({ featureVersion: FEATURE_VERSION, features: current, reasons: false });
    expect(ok.status).toBe(200);
  });

  it.each([
    ["neither features nor history", {}, /either "features"/],
    [
      "a missing feature",
      { featureVersion: FEATURE_VERSION, features: { current_dpd: 3 } },
      /features\.max_dpd_12m: is required/,
    ],
    [
      "an unknown feature",
      {
        featureVersion: FEATURE_VERSION,
        features: { ...Object.fromEntries(FEATURE_NAMES.map((n) => [n, null])), shoe_size: 44 },
      },
      /shoe_size: is not a feature/,
    ],
    [
      "a wrong type",
      {
        featureVersion: FEATURE_VERSION,
        features: Object.fromEntries(FEATURE_NAMES.map((n) => [n, "high"])),
      },
      /features\.current_dpd/,
    ],
    [
      "a negative amount",
      { history: { ...history, payments: [{ key: "x", amount: "-10", paidAt: "2026-03-01T00:00:00Z" }] } },
      /history\.payments\.0\.amount: must be an amount above 0/,
    ],
    ["a missing loan", { history: { ...history, loan: undefined } }, /history\.loan/],
    [
      "a bad time zone",
      { history, contact: { timeZone: "Mars/Olympus" } },
      /contact\.timeZone: must be an IANA time zone/,
    ],
    [
      "a huge array",
      {
        history: {
          ...history,
          schedule: Array.from({ length: HISTORY_LIMITS.schedule + 1 }, (_, i) => ({
            sequence: i,
            dueDate: "2026-01-01",
            amountDue: "1",
          })),
        },
      },
      /history\.schedule/,
    ],
  ])("answers %s with 400 and a precise message, never 500", async (_what, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("BAD_USER_INPUT");
    expect(err.error.message).toMatch(message);
  });

  it("needs a key, and holds each key to its own rate limit", async () => {
    expect((await fetch(`${app.baseUrl}/predict`, { method: "POST" })).status).toBe(401);
    const limited = await app.services.apiKeys.create(`predict-test-limited-${Date.now()}`, 2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post({ history }, limited.key)).status);
    expect(statuses).toEqual([200, 200, 429]);
    // The unlimited key is not affected by the other key's limit.
    expect((await post({ history })).status).toBe(200);
    await app.services.db.auditLog.deleteMany({ where: { actorApiKeyId: limited.record.id } });
  });
});
