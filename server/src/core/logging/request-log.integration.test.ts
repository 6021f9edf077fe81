import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { captureLog } from "../../../test/captured-log.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { login, startTestApp, type TestApp } from "../../../test/test-app.js";

interface LogLine {
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
}

describe("the server's request log", () => {
  let app: TestApp;
  let w: World;
  let token: string;
  /** Everything the server logged. */
  const captured = captureLog<LogLine>();
  const lines = captured.lines;

  beforeAll(async () => {
    const log = captured.log;
    app = await startTestApp(undefined, { log });
    w = await createWorld(app.services.db);
    token = await login(app, w.agentA.email, PASSWORD);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  /** The requests logged for `method` `path` (with any query), once each has been logged as completed too. */
  async function loggedRequests(method: string, path: string) {
    const incoming = () =>
      lines().filter(
        (l) => l.msg === "incoming request" && l.req?.method === method && l.req.url?.split("?")[0] === path,
      );
    await vi.waitFor(() => {
      const completed = new Set(
        lines()
          .filter((l) => l.msg === "request completed")
          .map((l) => l.reqId),
      );
      expect(incoming().length).toBeGreaterThan(0);
      expect(incoming().every((l) => completed.has(l.reqId))).toBe(true);
    });
    return incoming();
  }

  it("logs a GraphQL GET request's path, never the operation's variables", async () => {
    const secret = `secret-${randomUUID()}`;
    const get = (query: string, variables: object) =>
      fetch(
        `${app.baseUrl}/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`,
        // A header that a cross-site form cannot send: Apollo refuses GET operations without one (CSRF).
        { headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "true" } },
      );
    // A mutation's variables in the URL, a password among them (GraphQL refuses mutations over GET, but the
    // URL has reached the server by then).
    const mutation = await get(
      "mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) }",
      { input: { currentPassword: secret, newPassword: `${secret}-new` } },
    );
    expect(mutation.status).toBe(405);
    // A query that runs.
    const query = await get("query Find($name: String!) { __type(name: $name) { name } }", { name: secret });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { __type: null } });

    const logged = await loggedRequests("GET", "/graphql");
    expect(captured.written()).not.toContain(secret);
    expect(logged.map((l) => l.req?.url)).toEqual(["/graphql", "/graphql"]);
  });

  it("logs a REST call's path, never its query string", async () => {
    const secret = `secret-${randomUUID()}`;
    const health = await fetch(`${app.baseUrl}/health/live?probe=${secret}`);
    expect(health.status).toBe(200);
    // An unknown route: answered without echoing the query string either.
    const unknown = await fetch(`${app.baseUrl}/no-such-route?token=${secret}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        code: "NOT_FOUND",
        message: "There is no route GET /no-such-route: the REST routes are listed at /docs",
        requestId: expect.any(String),
      },
    });

    const logged = [
      ...(await loggedRequests("GET", "/health/live")),
      ...(await loggedRequests("GET", "/no-such-route")),
    ];
    expect(captured.written()).not.toContain(secret);
    expect(logged.map((l) => l.req?.url)).toEqual(["/health/live", "/no-such-route"]);
  });
});
