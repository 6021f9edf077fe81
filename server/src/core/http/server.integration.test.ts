import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { login, startTestApp, type TestApp } from "../../../test/test-app.js";

describe("the HTTP server", () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("serves /health without credentials: alive, but not ready without a model", async () => {
    expect((await fetch(`${app.baseUrl}/health/live`)).status).toBe(200);
    const res = await fetch(`${app.baseUrl}/health`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as {
      status: string;
      failing: string[];
      database: { ok: boolean };
      model: { state: string };
    };
    expect(body.database.ok).toBe(true);
    // The test app has no model: it cannot score, so it is not ready.
    expect(body.model.state).toBe("missing");
    expect(body).toMatchObject({ status: "unavailable", failing: ["model"] });
  });

  it("serves the OpenAPI document and its docs page without credentials", async () => {
    const spec = await fetch(`${app.baseUrl}/openapi.json`);
    expect(spec.status).toBe(200);
    expect(((await spec.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty("/auth/login");
    const docs = await fetch(`${app.baseUrl}/docs/`);
    expect(docs.status).toBe(200);
  });

  it("requires credentials on every other REST route", async () => {
    const res = await fetch(`${app.baseUrl}/auth/whoami`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const token = await login(app, w.supervisorA.email, PASSWORD);
    const ok = await fetch(`${app.baseUrl}/auth/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect(await ok.json()).toEqual({
      kind: "user",
      userId: w.supervisorA.id,
      role: "SUPERVISOR",
      teamId: w.teamA.id,
    });
  });

  it("accepts an API key, and refuses it once revoked", async () => {
    const { key, record } = await app.services.apiKeys.create(`scorer-${w.tag}`, 30);
    const stored = await app.services.db.apiKey.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.keyHash).not.toContain(key);
    expect(stored.keyHash).toMatch(/^[0-9a-f]{64}$/);
    const whoami = () => fetch(`${app.baseUrl}/auth/whoami`, { headers: { "x-api-key": key } });
    expect(await (await whoami()).json()).toEqual({
      kind: "apiKey",
      apiKeyId: record.id,
      rateLimitPerMinute: 30,
      scopes: ["predict"],
    });
    await app.services.apiKeys.revoke(record.prefix);
    const refused = await whoami();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
    const audit = await app.services.db.auditLog.findMany({
      where: { entityId: record.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["apiKey.create", "apiKey.revoke"]);
    await app.services.db.auditLog.deleteMany({ where: { entityId: record.id } });
    await app.services.db.apiKey.delete({ where: { id: record.id } });
  });

  describe("security headers", () => {
    // Helmet's headers, which every answer carries.
    const hardened = (res: Response) => {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    };
    const policyOf = (res: Response) => res.headers.get("content-security-policy") ?? "";

    it("are on REST answers, refused ones too, with a content policy of the server's own files only", async () => {
      const health = await fetch(`${app.baseUrl}/health`);
      const refused = await fetch(`${app.baseUrl}/auth/whoami`);
      expect(refused.status).toBe(401);
      for (const res of [health, refused]) {
        hardened(res);
        expect(policyOf(res)).toContain("default-src 'self'");
        expect(policyOf(res)).toContain("script-src 'self'");
        expect(policyOf(res)).toContain("frame-ancestors 'self'");
        // The server is also reached over plain HTTP: upgrading the docs' requests would break them.
        expect(policyOf(res)).not.toContain("upgrade-insecure-requests");
      }
    });

    it("are on GraphQL answers, whose one page (Apollo's landing page) keeps its own content policy", async () => {
      const token = await login(app, w.agentA.email, PASSWORD);
      const answer = await fetch(`${app.baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ me { displayName } }" }),
      });
      expect(await answer.json()).toEqual({ data: { me: { displayName: "agent-a" } } });
      hardened(answer);
      const page = await fetch(`${app.baseUrl}/graphql`, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      hardened(page);
      // A header policy would be enforced beside the page's own and block the scripts that one allows.
      expect(page.headers.get("content-security-policy")).toBeNull();
      expect(await page.text()).toMatch(
        /<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-/,
      );
    });

    it("let the API docs load: their scripts and styles are all the server's own files, none inline", async () => {
      const docs = await fetch(`${app.baseUrl}/docs/`);
      expect(docs.status).toBe(200);
      hardened(docs);
      expect(policyOf(docs)).toContain("script-src 'self';");
      expect(policyOf(docs)).toContain("script-src-attr 'none'");
      const html = await docs.text();
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? "");
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.every((attributes) => / src="[^"]+"/.test(attributes))).toBe(true);
      const files = [...html.matchAll(/ (?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
      for (const file of files) {
        const url = new URL(file, `${app.baseUrl}/docs/`);
        expect(url.origin).toBe(app.baseUrl);
        expect((await fetch(url)).status, file).toBe(200);
      }
    });
  });

  describe("GraphQL over WebSocket", () => {
    const wsUrl = () => `${app.baseUrl.replace("http", "ws")}/graphql`;

    it("closes a connection whose connection_init carries no valid token", async () => {
      const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
      const closed = new Promise<number>((resolve) =>
        client.on("closed", (e) => resolve((e as { code: number }).code)),
      );
      expect(await closed).toBe(4403);
      await client.dispose();
    });

    it("runs operations for a signed-in user", async () => {
      const token = await login(app, w.agentA.email, PASSWORD);
      const client = createClient({
        url: wsUrl(),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      const result = await new Promise<unknown>((resolve, reject) => {
        client.subscribe(
          { query: "{ me { displayName } }" },
          { next: resolve, error: reject, complete: () => {} },
        );
      });
      expect(result).toEqual({ data: { me: { displayName: "agent-a" } } });
      await client.dispose();
    });
  });
});
