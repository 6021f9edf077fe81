import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { computeFeatures } from "./compute-features.js";
import { FEATURE_NAMES, FEATURE_VERSION } from "./feature-catalogue.js";
import { HISTORY_LIMITS } from "./loan-history.schema.js";

const history = {
  asOfDate: "2025-03-15",
  loan: { productType: "INSTALMENT", principal: "300", termMonths: 3, openedAt: "2024-12-01", grade: "A" },
  borrower: { ageYears: 30, segment: "prime" },
  schedule: [1, 2, 3].map((m) => ({ sequence: m, dueDate: `2025-0${m}-01`, amountDue: "100" })),
  payments: [{ key: "p1", amount: "100", paidAt: "2025-01-03T10:00:00Z" }],
};

describe("the feature REST routes", () => {
  let app: TestApp;
  let w: World;
  let token: string;
  const call = (method: string, url: string, body?: unknown, auth = true) =>
    fetch(`${app.baseUrl}${url}`, {
      method,
      headers: {
        ...(body ? { "content-type": "application/json" } : {}),
        ...(auth ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    token = await login(app, w.agentA.email, PASSWORD);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("serves the catalogue in model order, to signed-in callers only", async () => {
    expect((await call("GET", "/features", undefined, false)).status).toBe(401);
    const body = (await (await call("GET", "/features")).json()) as {
      featureVersion: number;
      features: { name: string; description: string }[];
    };
    // The version a posted vector must state (POST /predict's featureVersion).
    expect(body.featureVersion).toBe(FEATURE_VERSION);
    expect(body.features.map((f) => f.name)).toEqual(FEATURE_NAMES);
    expect(body.features.every((f) => f.description.length > 10)).toBe(true);
  });

  it("computes a posted history's vector with the same code as everything else, storing nothing", async () => {
    const loansBefore = await app.services.db.loan.count();
    const res = await call("POST", "/features", history);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { features: Record<string, number | null> };
    expect(body.features).toEqual(
      computeFeatures({ ...history, payments: [{ ...history.payments[0], type: "PAYMENT" }] } as never),
    );
    expect(body.features.current_dpd).toBe(42); // February (due Feb 1) unpaid on Mar 15
    expect(body.features.contact_attempts_90d).toBeNull();
    expect(await app.services.db.loan.count()).toBe(loansBefore);
  });

  it.each([
    ["a missing field", { ...history, loan: undefined }, /loan: /],
    ["a wrong type", { ...history, schedule: "monthly" }, /schedule: /],
    [
      "a negative payment",
      { ...history, payments: [{ key: "p", amount: "-5", paidAt: "2025-01-03T10:00:00Z" }] },
      /payments\.0\.amount: must be an amount above 0/,
    ],
    ["a bad date", { ...history, asOfDate: "2025-13-45" }, /asOfDate: /],
    [
      "a huge array",
      {
        ...history,
        payments: Array.from({ length: HISTORY_LIMITS.payments + 1 }, (_, i) => ({
          key: `k${i}`,
          amount: "1",
          paidAt: "2025-01-03T10:00:00Z",
        })),
      },
      /payments: /,
    ],
    ["a day that does not exist", { ...history, asOfDate: "2025-02-30" }, /asOfDate: must be a calendar day/],
    [
      "an amount beyond NUMERIC(14,2)",
      { ...history, payments: [{ key: "p", amount: `1${"0".repeat(400)}`, paidAt: "2025-01-03T10:00:00Z" }] },
      /payments\.0\.amount: must be an amount above 0, at most 999999999999\.99/,
    ],
    [
      "an amount with three decimals",
      { ...history, payments: [{ key: "p", amount: 10.005, paidAt: "2025-01-03T10:00:00Z" }] },
      /payments\.0\.amount: .*two decimals/,
    ],
    [
      "a fractional count",
      { ...history, loan: { ...history.loan, termMonths: 12.5 } },
      /loan\.termMonths: must be a whole number of months/,
    ],
    [
      "a negative amount due",
      { ...history, schedule: [{ ...history.schedule[0], amountDue: "-10" }] },
      /schedule\.0\.amountDue: must be an amount 0 or more/,
    ],
    [
      "an instant without its offset",
      { ...history, payments: [{ key: "p", amount: "5", paidAt: "2025-01-03T10:00:00" }] },
      /payments\.0\.paidAt: must be an ISO 8601 date-time with its offset/,
    ],
    [
      "a NUL character in a text",
      { ...history, loan: { ...history.loan, grade: "A\u0000" } },
      /loan\.grade: must not contain NUL/,
    ],
  ])("answers %s with 400 and a precise message", async (_what, body, message) => {
    const res = await call("POST", "/features", body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("BAD_USER_INPUT");
    expect(err.error.message).toMatch(message);
  });

  const paid = { amount: "1", paidAt: "2025-01-03T10:00:00Z" };
  it.each([
    [
      "a reversal of nothing",
      [{ ...paid, key: "r", type: "REVERSAL", reverses: "zz" }],
      /payments\.0\.reverses: names no payment in this history \("zz"\)/,
    ],
    [
      "a reversal of itself",
      [{ ...paid, key: "r", type: "REVERSAL", reverses: "r" }],
      /payments\.0\.reverses: a reversal cannot reverse itself/,
    ],
    [
      "two payments with one key",
      [
        { ...paid, key: "p" },
        { ...paid, key: "p" },
      ],
      /payments\.1\.key: "p" is used by an earlier payment/,
    ],
  ])(
    "answers %s, well-formed but inconsistent, with 422 naming the payment",
    async (_what, payments, message) => {
      const res = await call("POST", "/features", { ...history, payments });
      expect(res.status).toBe(422);
      const err = (await res.json()) as { error: { code: string; message: string } };
      expect(err.error.code).toBe("INCONSISTENT_INPUT");
      expect(err.error.message).toMatch(message);
    },
  );

  it("gives a stored loan's vector to a user who may see it, and 404 otherwise", async () => {
    const own = await call("GET", `/features/${w.loanA1.id}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { asOfDate: string }).asOfDate).toBe("2025-06-30");
    expect((await call("GET", `/features/${w.loanB.id}`)).status).toBe(404);
    expect((await call("GET", "/features/not-a-uuid")).status).toBe(400);
  });
});
