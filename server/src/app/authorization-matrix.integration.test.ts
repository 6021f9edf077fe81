import { randomUUID } from "node:crypto";
import { type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { dependsOnTarget, expectedOutcome, type Outcome } from "../../test/access-matrix/expectations.js";
import { GRAPHQL_OPERATIONS } from "../../test/access-matrix/graphql-operations.js";
import {
  CALLER_ROLES,
  createMatrixWorld,
  type MatrixWorld,
  TARGETS,
} from "../../test/access-matrix/matrix-world.js";
import { REST_ROUTES, type RestRequest } from "../../test/access-matrix/rest-routes.js";
import { heardAtLeast, subscribe } from "../../test/subscriptions.js";
import { gql, startTestApp, type TestApp } from "../../test/test-app.js";
import { ALL_API_KEY_SCOPES } from "../modules/api-keys/api-key.scopes.js";
import { buildGraphQLSchema } from "./graphql-schema.js";

function operationNames(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
    type ? Object.keys(type.getFields()) : [],
  );
}

/**
 * Every query and mutation, tried as an agent, a supervisor, a recovery manager and an admin, on the
 * caller's own object, a teammate's and another team's. Driven by the schema: an operation without an entry
 * in the matrix fails here, so none ships without its access rule.
 */
describe("authorisation matrix", () => {
  let app: TestApp;
  let w: MatrixWorld;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    app = await startTestApp(inject("servedModelDir"));
    w = await createMatrixWorld(app);
    schema = await buildGraphQLSchema();
  });
  afterAll(async () => {
    await w?.destroy();
    await app?.close();
  });

  it("has an entry for every query and mutation of the schema, and none for an operation it lacks", () => {
    const names = operationNames(schema);
    expect(names.filter((n) => !(n in GRAPHQL_OPERATIONS))).toEqual([]);
    expect(Object.keys(GRAPHQL_OPERATIONS).filter((n) => !names.includes(n))).toEqual([]);
    // Guard against a mistyped entry: each document names its operation.
    for (const [name, entry] of Object.entries(GRAPHQL_OPERATIONS)) expect(entry.document).toContain(name);
  });

  for (const [name, entry] of Object.entries(GRAPHQL_OPERATIONS)) {
    it(`${name}: ${entry.access}`, async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const role of CALLER_ROLES) {
        for (const target of dependsOnTarget(entry.access) ? TARGETS : (["own"] as const)) {
          const want = expectedOutcome(entry.access, role, target);
          const prepared = await entry.prepare(w, target, role);
          const res = await gql(app, entry.document, prepared.variables, prepared.token ?? w.tokens[role]);
          let got: Outcome | string;
          if (res.body.errors?.length) {
            const code = res.body.errors[0]?.extensions?.code;
            got =
              code === "NOT_FOUND" || code === "FORBIDDEN" ? code : `${code}: ${res.body.errors[0]?.message}`;
          } else if (entry.ids && prepared.lookFor) {
            got = entry.ids(res.body.data ?? {}).includes(prepared.lookFor) ? "ok" : "NOT_FOUND";
          } else
            got = res.status === 200 && res.body.data?.[name] !== undefined ? "ok" : `HTTP ${res.status}`;
          wanted.push(`${role} on ${target}: ${want}`);
          seen.push(`${role} on ${target}: ${got}`);
        }
      }
      expect(seen).toEqual(wanted);
    });
  }

  // Live events follow the same rule as reading the task: each role subscribes, an admin starts a task of the
  // caller's own, a teammate's and another team's, then one more of the agent's own that every role hears.
  // Events of one subscription arrive in order, so what was not heard before that last one never will be.
  it("taskUpdated: heard by each role as work is read", async () => {
    const listeners = [];
    for (const role of CALLER_ROLES)
      listeners.push({
        role,
        listener: await subscribe<{ id: string }>(app, w.tokens[role], "TASK_UPDATED", "taskUpdated", "id"),
      });
    const start = async (owner: (typeof w.owners)[keyof typeof w.owners]) => {
      const c = await w.newCase(owner);
      const res = await gql(
        app,
        "mutation S($taskId: ID!, $key: String!) { startTask(taskId: $taskId, idempotencyKey: $key) { id } }",
        { taskId: c.taskId, key: randomUUID() },
        w.tokens.ADMIN,
      );
      expect(res.body.errors).toBeUndefined();
      return c.taskId;
    };
    const started = new Map<string, (typeof TARGETS)[number]>();
    for (const target of TARGETS) started.set(await start(w.owners[target]), target);
    const last = await start(w.owners.own);
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const { role, listener } of listeners) {
      const heard = await heardAtLeast(listener, 1, `${role} hearing the last task started`);
      await vi.waitFor(() => expect(heard.map((e) => e.id)).toContain(last), { timeout: 10_000 });
      const before = heard
        .slice(
          0,
          heard.findIndex((e) => e.id === last),
        )
        .map((e) => e.id);
      for (const [taskId, target] of started) {
        wanted.push(`${role} on ${target}: ${expectedOutcome("work", role, target)}`);
        seen.push(`${role} on ${target}: ${before.includes(taskId) ? "ok" : "NOT_FOUND"}`);
      }
      await listener.client.dispose();
    }
    expect(seen).toEqual(wanted);
  });

  describe("REST routes, for API keys of each scope and for each role", () => {
    const HTTP: Record<Outcome, number | undefined> = { ok: undefined, NOT_FOUND: 404, FORBIDDEN: 403 };
    const call = async (r: RestRequest, headers: Record<string, string>) =>
      (
        await fetch(`${app.baseUrl}${r.url}`, {
          method: r.method,
          headers: { ...headers, ...(r.body === undefined ? {} : { "content-type": "application/json" }) },
          body: r.body === undefined ? undefined : JSON.stringify(r.body),
        })
      ).status;

    it("has an entry for every route of the OpenAPI document (GraphQL has its own matrix above)", () => {
      const doc = app.server.app.swagger() as { paths: Record<string, Record<string, unknown>> };
      const routes = Object.entries(doc.paths)
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
        .filter((r) => !r.endsWith(" /graphql"));
      expect(routes.filter((r) => !(r in REST_ROUTES))).toEqual([]);
      expect(Object.keys(REST_ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
    });

    for (const [route, entry] of Object.entries(REST_ROUTES)) {
      it(route, async () => {
        const seen: string[] = [];
        const wanted: string[] = [];
        if (entry.public) {
          wanted.push(`anonymous: ${entry.status}`);
          seen.push(`anonymous: ${await call(await entry.request(w), {})}`);
        } else {
          wanted.push("anonymous: 401");
          seen.push(`anonymous: ${await call(await entry.request(w, "own"), {})}`);
          for (const scope of ALL_API_KEY_SCOPES) {
            const allowed = entry.keyScope === "any" || entry.keyScope === scope;
            const key = await w.apiKey([scope]);
            wanted.push(`key ${scope}: ${allowed ? entry.status : 403}`);
            seen.push(`key ${scope}: ${await call(await entry.request(w, "own"), { "x-api-key": key })}`);
          }
          for (const role of CALLER_ROLES) {
            for (const target of dependsOnTarget(entry.userAccess) ? TARGETS : (["own"] as const)) {
              const want = HTTP[expectedOutcome(entry.userAccess, role, target)] ?? entry.status;
              const status = await call(await entry.request(w, target), {
                authorization: `Bearer ${w.tokens[role]}`,
              });
              wanted.push(`${role} on ${target}: ${want}`);
              seen.push(`${role} on ${target}: ${status}`);
            }
          }
        }
        expect(seen).toEqual(wanted);
      });
    }
  });
});
