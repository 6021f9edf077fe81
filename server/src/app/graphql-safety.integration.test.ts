import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../test/test-app.js";
import { withEnv } from "../../test/test-env.js";

describe("GraphQL operations that would exhaust the server", () => {
  let app: TestApp;
  let w: World;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    token = await login(app, w.manager.email, PASSWORD);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("refuses 500 aliases of a 200-row page with 400 and the cost, before anything runs", async () => {
    const aliases = Array.from(
      { length: 500 },
      (_, i) => `a${i}: loans(first: 200) { nodes { id externalKey } }`,
    );
    const res = await gql(app, `{ ${aliases.join("\n")} }`, {}, token);
    expect(res.status).toBe(400);
    expect(res.body.data ?? undefined).toBeUndefined();
    const err = res.body.errors?.[0];
    expect(err?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(err?.message).toMatch(/would cost \d+ .* above the limit of \d+/);
  });

  it("counts a page size given in variables", async () => {
    const query =
      "query($n: Int!) { a: loans(first: $n) { nodes { id } } b: loans(first: $n) { nodes { id } } }";
    const small = await gql(app, query, { n: 5 }, token);
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    const aliases = Array.from(
      { length: 80 },
      (_, i) => `a${i}: loans(first: $n) { nodes { id externalKey } }`,
    );
    const big = await gql(app, `query($n: Int!) { ${aliases.join(" ")} }`, { n: 200 }, token);
    expect(big.status).toBe(400);
  });

  it("leaves variables that do not fit the operation to GraphQL's own precise refusal", async () => {
    const res = await gql(app, "query($n: Int!) { loans(first: $n) { totalCount } }", { n: "many" }, token);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Variable "\$n" got invalid value "many"/);
  });
});

describe("GraphQL in production", () => {
  it("answers no introspection and gives no field suggestions", async () => {
    await withEnv({ NODE_ENV: "production", JWT_SECRET: "x".repeat(40) }, async () => {
      const app = await startTestApp();
      const w = await createWorld(app.services.db);
      try {
        const token = await login(app, w.agentA.email, PASSWORD);
        const introspection = await gql(app, "{ __schema { types { name } } }", {}, token);
        expect(introspection.status).toBe(400);
        expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
        const typo = await gql(app, "{ loanz { id } }", {}, token);
        expect(typo.status).toBe(400);
        expect(typo.body.errors?.[0]?.message).toContain("loanz");
        expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
      } finally {
        await destroyWorld(app.services.db, w);
        await app.close();
      }
    });
  });

  it("keeps both for developers outside production", async () => {
    const app = await startTestApp();
    const w = await createWorld(app.services.db);
    try {
      const token = await login(app, w.agentA.email, PASSWORD);
      const typo = await gql(app, "{ loanz { id } }", {}, token);
      expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "loans?"/);
      const introspection = await gql(app, "{ __schema { queryType { name } } }", {}, token);
      expect(introspection.body.errors).toBeUndefined();
    } finally {
      await destroyWorld(app.services.db, w);
      await app.close();
    }
  });
});
