import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { computeFeatures } from "./compute-features.js";
import { FEATURE_NAMES } from "./feature-catalogue.js";
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
      features: { name: string; description: string }[];
    };
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
      /payments\.0\.amount: must be more than 0/,
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
    [
      "a reversal of nothing",
      {
        ...history,
        payments: [
          { key: "r", type: "REVERSAL", amount: "1", paidAt: "2025-01-03T10:00:00Z", reverses: "zz" },
        ],
      },
      /names no payment/,
    ],
  ])("answers %s with 400 and a precise message", async (_what, body, message) => {
    const res = await call("POST", "/features", body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("BAD_USER_INPUT");
    expect(err.error.message).toMatch(message);
  });

  it("gives a stored loan's vector to a user who may see it, and 404 otherwise", async () => {
    const own = await call("GET", `/features/${w.loanA1.id}`);
    expect(own.status).toBe(200);
    expect(((await own.json()) as { asOfDate: string }).asOfDate).toBe("2025-06-30");
    expect((await call("GET", `/features/${w.loanB.id}`)).status).toBe(404);
    expect((await call("GET", "/features/not-a-uuid")).status).toBe(400);
  });
});
