import { readFileSync } from "node:fs";
import fc from "fast-check";
import { buildSchema, type GraphQLField } from "graphql";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseFingerprint } from "../../test/db-fingerprint.js";
import { createWorld, PASSWORD, type World } from "../../test/fixtures.js";
import {
  fuzzRuns,
  type KnownValues,
  mutationFields,
  operationFor,
  variablesArbitrary,
} from "../../test/graphql-arbitraries.js";
import { privateDatabase } from "../../test/private-database.js";
import { gql, login, startTestApp, type TestApp } from "../../test/test-app.js";
import { createPgPool } from "../core/db/pg-pool.js";
import { API_KEY_SCOPES } from "../modules/api-keys/api-key.scopes.js";
import { FEATURE_VERSION } from "../modules/features/feature-catalogue.js";

// The committed schema: what clients are given, and what the generated calls are built from.
const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));

// Generated input for every REST body and GraphQL mutation: whatever arrives, the answer is never a 5xx nor an
// internal error, and a refused call leaves the database exactly as it was. A bounded number of cases runs in
// `npm test`; FUZZ_RUNS=N runs N per property.

const history = {
  asOfDate: "2025-06-30",
  loan: {
    productType: "INSTALMENT",
    principal: "1200",
    interestRate: "18",
    termMonths: 12,
    openedAt: "2025-01-15",
  },
  borrower: { ageYears: 29, annualIncome: "31000" },
  schedule: [1, 2, 3, 4, 5].map((m) => ({ sequence: m, dueDate: `2025-0${m + 1}-15`, amountDue: "110" })),
  payments: [
    { key: "a", type: "PAYMENT", amount: "110", paidAt: "2025-02-15T09:00:00Z" },
    { key: "b", type: "REVERSAL", amount: "110", paidAt: "2025-02-20T09:00:00Z", reverses: "a" },
  ],
  contacts: [
    { channel: "CALL", direction: "OUTBOUND", outcome: "NO_ANSWER", startedAt: "2025-06-20T14:00:00Z" },
  ],
  promises: [{ amount: "220", promisedDate: "2025-06-25", createdAt: "2025-06-20T10:00:00Z" }],
};

/** Values that break a rule somewhere: out of range, wrong type, impossible date, prototype keys. */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    -1,
    0.5,
    10.005,
    1e308,
    -1e308,
    5e-324,
    2 ** 53 + 1,
    "",
    "\u0000",
    `1${"0".repeat(400)}`,
    "-0.00",
    "2025-02-30",
    "2025-06-30T25:00:00Z",
    "2025-06-30T10:00:00",
    [],
    {},
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document (objects and arrays included). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => paths(v, [...prefix, i])));
  if (value && typeof value === "object")
    return here.concat(Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k])));
  return here;
}

/** A valid body with one value replaced, removed, or a key added next to it. */
function mutated(valid: Json) {
  const all = paths(valid).filter((p) => p.length > 0);
  return fc
    .tuple(fc.nat({ max: all.length - 1 }), fc.constantFrom("replace", "remove", "add"), oddValue)
    .map(([index, how, odd]) => {
      const body = structuredClone(valid) as Json;
      const path = all[index] ?? [];
      const parent = path
        .slice(0, -1)
        .reduce<Json>((node, k) => (node as Record<string, Json>)[k] ?? null, body);
      const key = path[path.length - 1] as string | number;
      if (parent === null || typeof parent !== "object") return body;
      const target = parent as Record<string | number, Json>;
      if (how === "replace") target[key] = odd as Json;
      else if (how === "remove") delete target[key];
      else if (!Array.isArray(parent)) target[`${String(key)}_extra`] = odd as Json;
      return body;
    });
}

describe("generated input never gets a 5xx, and a refused call changes nothing", () => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let app: TestApp;
  let pool: ReturnType<typeof createPgPool>;
  let w: World;
  let apiKey: string;

  beforeAll(async () => {
    database = await privateDatabase("fuzz");
    app = await startTestApp(inject("servedModelDir"), { databaseUrl: database.url });
    pool = createPgPool(database.url);
    w = await createWorld(app.services.db);
    apiKey = (await app.services.apiKeys.create("fuzz", 0, null, Object.values(API_KEY_SCOPES))).key;
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await app?.close();
    await database?.dispose();
  });

  const post = (path: string, body: string) =>
    fetch(`${app.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": apiKey },
      body,
    });

  /** A REST answer to generated input: never 5xx, and (these routes store nothing) never a database change. */
  async function expectHarmless(res: Response, before: Record<string, string>, sent: string) {
    const text = await res.text();
    expect(res.status, `answer ${res.status} to ${sent.slice(0, 300)}: ${text.slice(0, 300)}`).toBeLessThan(
      500,
    );
    if (res.status >= 400) expect(JSON.parse(text).error.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(await databaseFingerprint(pool)).toEqual(before);
  }

  it.each([
    ["/features", history],
    ["/predict", { history, contact: { timeZone: "Europe/London", outstandingBalance: "500.00" } }],
  ])(
    "POST %s",
    async (path, valid) => {
      // After one valid call: the first prediction installs the default recommendation policy.
      expect((await post(path, JSON.stringify(valid))).status).toBe(200);
      const before = await databaseFingerprint(pool);
      await fc.assert(
        fc.asyncProperty(mutated(valid as Json), async (body) => {
          const sent = JSON.stringify(body);
          await expectHarmless(await post(path, sent), before, sent);
        }),
        { numRuns: fuzzRuns(60) },
      );
      // Raw text: broken JSON and prototype keys, which JSON.stringify never writes.
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.constantFrom('{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {}}}', "{"),
          ),
          async (raw) => expectHarmless(await post(path, raw), before, raw),
        ),
        { numRuns: fuzzRuns(20) },
      );
    },
    300_000,
  );

  it("POST /predict with a feature vector", async () => {
    const before = await databaseFingerprint(pool);
    const vector = (await (await post("/features", JSON.stringify(history))).json()) as { features: Json };
    await fc.assert(
      fc.asyncProperty(
        mutated({ featureVersion: FEATURE_VERSION, features: vector.features }),
        async (body) => {
          const sent = JSON.stringify(body);
          await expectHarmless(await post("/predict", sent), before, sent);
        },
      ),
      { numRuns: fuzzRuns(60) },
    );
  }, 300_000);

  it("GET /features/{id}", async () => {
    const before = await databaseFingerprint(pool);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1 }), fc.uuid(), fc.constant(w.loanA1.id)),
        async (id) => {
          const res = await fetch(`${app.baseUrl}/features/${encodeURIComponent(id)}`, {
            headers: { "x-api-key": apiKey },
          });
          expect([200, 400, 404]).toContain(res.status);
          await expectHarmless(res, before, id);
        },
      ),
      { numRuns: fuzzRuns(40) },
    );
  }, 300_000);

  describe("every GraphQL mutation", () => {
    let token: string;
    let known: KnownValues;

    beforeAll(async () => {
      // A supervisor reaches most mutations (team work, contacts, promises, drafts) without changing what
      // other roles see; ids of this file's own world get generated calls past the lookups.
      token = await login(app, w.supervisorA.email, PASSWORD);
      const tasks = await app.services.db.task.findMany({ select: { id: true } });
      known = {
        ids: [
          ...tasks.map((t) => t.id),
          w.loanA1.id,
          w.loanA2.id,
          w.loanB.id,
          w.loanA1.borrower.id,
          w.agentA.id,
          w.agentB.id,
          w.teamA.id,
        ],
      };
    });

    it.each(mutationFields(schema).map((f) => [f.name, f] as const))(
      "%s",
      async (_name, field) => {
        const query = operationFor("mutation", field as GraphQLField<unknown, unknown>);
        await fc.assert(
          fc.asyncProperty(
            variablesArbitrary(field as GraphQLField<unknown, unknown>, known),
            async (variables) => {
              // Taken right before the call: an earlier accepted call's own writes are not this one's.
              const before = await databaseFingerprint(pool);
              const { status, body } = await gql(app, query, variables, token);
              const sent = JSON.stringify(variables).slice(0, 400);
              const errors = JSON.stringify(body.errors);
              const codes = (body.errors ?? []).map((e) => e.extensions?.code);
              expect(status, `HTTP ${status} for ${sent}: ${errors}`).toBeLessThan(500);
              expect(codes, `internal error for ${sent}: ${errors}`).not.toContain("INTERNAL_SERVER_ERROR");
              if (!body.errors?.length) return;
              const after = await databaseFingerprint(pool);
              const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
              expect(changed, `refused (${errors}) but changed these tables: ${sent}`).toEqual([]);
            },
          ),
          { numRuns: fuzzRuns(15) },
        );
      },
      300_000,
    );
  });
});
