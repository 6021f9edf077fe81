import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { captureLog } from "../../../test/captured-log.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";

const METRICS_TOKEN = randomBytes(24).toString("hex");

type Labels = Record<string, string>;

/** The samples of metric `name` in a Prometheus text scrape, with their labels. */
function samples(scrape: string, name: string): { labels: Labels; value: number }[] {
  return scrape
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[1] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { labels, value: Number(match[2]) };
    });
}

/** The value of the one sample of `name` whose labels include `labels` (0 when there is none yet). */
function sampleValue(scrape: string, name: string, labels: Labels): number {
  const found = samples(scrape, name).filter((s) =>
    Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

describe("the server's metrics and request ids", () => {
  let app: TestApp;
  let w: World;
  let token: string;
  const captured = captureLog<{ reqId?: string; msg?: string }>();
  const logLines = captured.lines;

  const scrape = async () => {
    const res = await fetch(`${app.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  beforeAll(async () => {
    const log = captured.log;
    app = await startTestApp(inject("servedModelDir"), { log, metricsToken: METRICS_TOKEN });
    w = await createWorld(app.services.db);
    token = await login(app, w.agentA.email, PASSWORD);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("are off (404) while no metrics token is configured", async () => {
    const off = await startTestApp();
    try {
      const res = await fetch(`${off.baseUrl}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("METRICS_TOKEN");
    } finally {
      await off.close();
    }
  });

  it("refuses a scrape without the metrics token, with a wrong one and with a user's session", async () => {
    for (const authorization of [undefined, `Bearer ${METRICS_TOKEN}x`, `Bearer ${token}`]) {
      const res = await fetch(`${app.baseUrl}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("UNAUTHENTICATED");
      expect(body.error.message).toContain("METRICS_TOKEN");
    }
  });

  it("counts and times GraphQL operations, REST routes and /predict scoring with bounded labels", async () => {
    const before = await scrape();
    const graphql = { operation: "me", type: "query", outcome: "ok" };
    const predictRoute = { route: "/predict", method: "POST", status: "200" };
    const loanRoute = { route: "/features", method: "GET", status: "200" };

    // A client names its operation as it likes: the label is the schema's root field, never that name.
    const me = await gql(app, "query ClientChosenName_8f3a { me { displayName } }", {}, token);
    expect(me.body.errors).toBeUndefined();
    const unknown = await gql(app, "query AnotherName_77c1 { noSuchField }", {}, token);
    expect(unknown.status).toBe(400);
    const rest = await fetch(`${app.baseUrl}/features`, { headers: { authorization: `Bearer ${token}` } });
    expect(rest.status).toBe(200);
    const catalogue = (await rest.json()) as { featureVersion: number; features: { name: string }[] };
    const names = catalogue.features.map((f) => f.name);
    const predict = await fetch(`${app.baseUrl}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        featureVersion: catalogue.featureVersion,
        features: Object.fromEntries(names.map((n) => [n, null])),
      }),
    });
    expect(predict.status).toBe(200);

    const after = await scrape();
    const delta = (name: string, labels: Labels) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta("graphql_operations_total", graphql)).toBe(1);
    expect(delta("graphql_operation_duration_seconds_count", graphql)).toBe(1);
    expect(sampleValue(after, "graphql_operation_duration_seconds_bucket", { ...graphql, le: "+Inf" })).toBe(
      sampleValue(after, "graphql_operations_total", graphql),
    );
    expect(
      delta("graphql_operations_total", { operation: "invalid", type: "unknown", outcome: "error" }),
    ).toBe(1);
    expect(delta("http_requests_total", loanRoute)).toBe(1);
    expect(delta("http_request_duration_seconds_count", loanRoute)).toBe(1);
    expect(delta("http_requests_total", predictRoute)).toBe(1);
    expect(delta("http_request_duration_seconds_count", predictRoute)).toBe(1);
    const pd = { source: "predict", model: "probability_of_default" };
    expect(delta("scoring_loans_total", pd)).toBe(1);
    expect(delta("scoring_duration_seconds_count", pd)).toBe(1);

    expect(after).not.toContain("ClientChosenName_8f3a");
    expect(after).not.toContain("AnotherName_77c1");
    expect(after).not.toContain("noSuchField");
    const operations = new Set(samples(after, "graphql_operations_total").map((s) => s.labels.operation));
    expect([...operations].sort()).toEqual(["invalid", "me"]);

    const version = app.services.models.card()?.version;
    expect(version).toBeDefined();
    expect(samples(after, "model_info")).toEqual([{ labels: { version }, value: 1 }]);
    expect(samples(after, "db_pool_connections_total").map((s) => s.labels)).toEqual([{ pool: "app" }]);
    expect(samples(after, "db_pool_waiting_requests")).toHaveLength(1);
    // Node's default process metrics.
    expect(samples(after, "process_cpu_user_seconds_total")).toHaveLength(1);
    expect(samples(after, "nodejs_heap_size_used_bytes")).toHaveLength(1);
  });

  it("logs a failure it masks from the caller with the request id the caller sees", async () => {
    const outageLog = captureLog<{ reqId?: string; msg?: string }>();
    const outage = await startTestApp(undefined, { log: outageLog.log });
    try {
      const managerToken = await login(outage, w.manager.email, PASSWORD);
      // The database connections go away (an outage): the summary's query fails with no fault of the caller.
      await outage.services.pool.end();
      const res = await gql(outage, "{ portfolioSummary { balance } }", {}, managerToken);
      const [error] = res.body.errors ?? [];
      expect(error).toMatchObject({
        message: "Internal server error",
        extensions: { code: "INTERNAL_SERVER_ERROR" },
      });
      const requestId = error?.extensions?.requestId;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      await vi.waitFor(() => {
        const lines = outageLog.lines();
        expect(lines.filter((l) => l.reqId === requestId).map((l) => l.msg)).toEqual(
          expect.arrayContaining(["incoming request", "unhandled GraphQL error", "request completed"]),
        );
      });
    } finally {
      // Its pool was ended above: ending it again is the one failure expected here.
      await outage.close().catch((err: Error) => expect(err.message).toContain("end on pool more than once"));
    }
  });

  it("names each request with an id: in the x-request-id header, the error answer and every log line", async () => {
    // A caller's own short token is kept, so one id follows a call across systems.
    const rest = await fetch(`${app.baseUrl}/no-such-route`, {
      headers: { authorization: `Bearer ${token}`, "x-request-id": "trace-4711_ab" },
    });
    expect(rest.status).toBe(404);
    expect(rest.headers.get("x-request-id")).toBe("trace-4711_ab");
    expect(((await rest.json()) as { error: { requestId: string } }).error.requestId).toBe("trace-4711_ab");

    // Anything else (too long, or characters a log or header line must not carry) is replaced.
    for (const unsafe of ["a".repeat(65), "with space", "semi;colon"]) {
      const res = await fetch(`${app.baseUrl}/health`, { headers: { "x-request-id": unsafe } });
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }

    // A GraphQL error carries the id in its extensions; so does a refusal before any operation runs.
    const failing = await fetch(`${app.baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ noSuchField }" }),
    });
    const requestId = failing.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await failing.json()) as { errors: { extensions: { requestId?: string } }[] };
    expect(body.errors.map((e) => e.extensions.requestId)).toEqual([requestId]);
    const anonymous = await gql(app, "{ me { displayName } }");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // The request's log lines (incoming, completed) carry the same id.
    for (const id of ["trace-4711_ab", requestId]) {
      await vi.waitFor(() => {
        const messages = logLines()
          .filter((l) => l.reqId === id)
          .map((l) => l.msg);
        expect(messages).toEqual(expect.arrayContaining(["incoming request", "request completed"]));
      });
    }
  });
});
