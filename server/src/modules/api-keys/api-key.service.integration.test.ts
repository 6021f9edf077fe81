import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { ApiKeyRepository } from "./api-key.repository.js";
import { ApiKeyService, VERIFIED_KEY_TTL_MS } from "./api-key.service.js";

describe("API key verification", () => {
  let app: TestApp;
  const prefixes: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.services.db.auditLog.deleteMany({ where: { actorApiKey: { prefix: { in: prefixes } } } });
    await app.close();
  });

  it("asks the database once per key and interval, and honours a revocation from another process within it", async () => {
    const server = app.services.apiKeys;
    const { key, record } = await server.create("verification test", 0);
    prefixes.push(record.prefix);
    const t0 = Date.now();
    const first = await server.verify(key, t0);
    expect(first).toMatchObject({ kind: "apiKey", apiKeyId: record.id, rateLimitPerMinute: 0 });
    const lastUsed = (await app.services.db.apiKey.findUniqueOrThrow({ where: { id: record.id } }))
      .lastUsedAt;
    expect(lastUsed?.getTime()).toBe(t0);

    // The CLI revokes through its own service: this process learns of it when its trust runs out.
    const cli = new ApiKeyService(new ApiKeyRepository(app.services.db), app.services.audit);
    await cli.revoke(record.prefix);
    await expect(server.verify(key, t0 + 1000)).resolves.toMatchObject({ apiKeyId: record.id });
    await expect(server.verify(key, t0 + VERIFIED_KEY_TTL_MS + 1)).rejects.toThrow(/revoked/);
    // "Last used" was not rewritten on every call.
    const after = (await app.services.db.apiKey.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt;
    expect(after?.getTime()).toBe(t0);
  });

  it("refuses a revoked key at once when it is revoked through the same service", async () => {
    const { key, record } = await app.services.apiKeys.create("same-process revocation", 10);
    prefixes.push(record.prefix);
    await app.services.apiKeys.verify(key);
    await app.services.apiKeys.revoke(record.prefix);
    await expect(app.services.apiKeys.verify(key)).rejects.toThrow(/revoked/);
  });

  it("refuses unknown keys and keys of the wrong form", async () => {
    await expect(app.services.apiKeys.verify("cpk_000000000000_nothing")).rejects.toThrow(/Unknown API key/);
    await expect(app.services.apiKeys.verify("not-a-key")).rejects.toThrow(/Unknown API key/);
  });
});
