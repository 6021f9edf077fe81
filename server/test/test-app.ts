import "reflect-metadata";
import { inject } from "vitest";
import { buildGraphQLSchema } from "../src/app/graphql-schema.js";
import { createAppServer } from "../src/app/http-server.js";
import { createServices, type Services } from "../src/app/services.js";
import { createPgPool } from "../src/core/db/pg-pool.js";
import { createPrismaClient } from "../src/core/db/prisma-client.js";
import type { AppServer } from "../src/core/http/server.js";
import { createLogger, type Logger } from "../src/core/logging/logger.js";

export interface TestApp {
  services: Services;
  server: AppServer;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real server (REST, GraphQL over HTTP and WebSocket) on a free port, over the run's test database (or
 * `databaseUrl`: the same database reached another way, e.g. through a proxy a test can cut). It logs nothing
 * unless given a `log` (a test that reads the server's log lines); /metrics is off unless given a
 * `metricsToken`.
 */
export async function startTestApp(
  modelDir = "/nonexistent-model-dir",
  opts: { log?: Logger; databaseUrl?: string; metricsToken?: string; collectionModelsDir?: string } = {},
): Promise<TestApp> {
  const databaseUrl = opts.databaseUrl ?? inject("databaseUrl");
  const db = createPrismaClient(databaseUrl);
  const pool = createPgPool(databaseUrl);
  const services = createServices(db, pool, modelDir, opts.collectionModelsDir ?? "/nonexistent-models-dir");
  await Promise.all([services.models.load(), services.collectionModels.load()]);
  const log = opts.log ?? silentLogger();
  await services.pubsub.listen();
  const server = await createAppServer(services, await buildGraphQLSchema(services.pubsub), log, {
    token: opts.metricsToken,
  });
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  const address = server.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    services,
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      await services.pubsub.close();
      // Records nobody waited for (a /predict call's) are still queued for their batch.
      await services.audit.flush();
      await db.$disconnect();
      await pool.end();
    },
  };
}

function silentLogger(): Logger {
  const log = createLogger("test");
  log.level = "silent";
  return log;
}

export async function gql(
  app: TestApp,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; requestId?: string } }[];
  };
}> {
  const res = await fetch(`${app.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

export async function login(app: TestApp, email: string, password: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
