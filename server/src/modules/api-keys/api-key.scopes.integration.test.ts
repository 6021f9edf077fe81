import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, type World } from "../../../test/fixtures.js";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { ALL_API_KEY_SCOPES, API_KEY_SCOPES } from "./api-key.scopes.js";

const history = {
  asOfDate: "2025-03-15",
  loan: { productType: "INSTALMENT", principal: "300", termMonths: 3, openedAt: "2024-12-01" },
  borrower: { ageYears: 30 },
  schedule: [1, 2, 3].map((m) => ({ sequence: m, dueDate: `2025-0${m}-01`, amountDue: "100" })),
  payments: [{ key: "p1", amount: "100", paidAt: "2025-01-03T10:00:00Z" }],
};

describe("API key scopes", () => {
  let app: TestApp;
  let w: World;
  const keyIds: string[] = [];
  const newKey = async (scopes?: string[]) => {
    const { key, record } = await app.services.apiKeys.create(`scopes-${Date.now()}`, 0, null, scopes);
    keyIds.push(record.id);
    return key;
  };
  const call = (key: string, method: string, url: string, body?: unknown) =>
    fetch(`${app.baseUrl}${url}`, {
      method,
      headers: { "x-api-key": key, ...(body ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    await app.services.db.auditLog.deleteMany({ where: { actorApiKeyId: { in: keyIds } } });
    await app.services.db.auditLog.deleteMany({ where: { entityId: { in: keyIds } } });
    await app.services.db.apiKey.deleteMany({ where: { id: { in: keyIds } } });
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("gives a new key the predict scope only: it scores posted data but reads no stored loan", async () => {
    const key = await newKey();
    expect((await call(key, "GET", "/features")).status).toBe(200);
    expect((await call(key, "POST", "/features", history)).status).toBe(200);
    const stored = await call(key, "GET", `/features/${w.loanA1.id}`);
    expect(stored.status).toBe(403);
    const body = (await stored.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("FORBIDDEN");
    expect(body.error.message).toContain('lacks the "read:loans" scope');
  });

  it("lets a key with read:loans read a stored loan's features, and not one that does not exist", async () => {
    const key = await newKey([API_KEY_SCOPES.readLoans]);
    const stored = await call(key, "GET", `/features/${w.loanA1.id}`);
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { loanId: string }).loanId).toBe(w.loanA1.id);
    // Scopes are separate: reading loans does not include scoring.
    expect((await call(key, "POST", "/features", history)).status).toBe(403);
    expect((await call(key, "GET", "/features/00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });

  it("keeps API keys off routes meant for signed-in users", async () => {
    const key = await newKey([...ALL_API_KEY_SCOPES]);
    const res = await fetch(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(res.status).toBe(401);
    // Any valid key may ask who it is, and sees its scopes.
    const whoami = (await (await call(key, "GET", "/auth/whoami")).json()) as { scopes: string[] };
    expect(whoami.scopes.sort()).toEqual([...ALL_API_KEY_SCOPES].sort());
  });

  it("refuses to create a key with an unknown scope, naming it and the ones that exist", async () => {
    await expect(app.services.apiKeys.create("bad-scope", 0, null, ["read:everything"])).rejects.toThrow(
      /Unknown API key scope "read:everything": choose from predict, read:loans/,
    );
  });
});
