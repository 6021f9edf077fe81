import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createWorld, PASSWORD, type World } from "../../test/fixtures.js";
import { privateDatabase } from "../../test/private-database.js";
import { skipUnless } from "../../test/skip-unless.js";
import { login, startTestApp, type TestApp } from "../../test/test-app.js";
import { hashPassword } from "../core/auth/password.js";
import { repoRoot } from "../core/config/repo-paths.js";

// Schemathesis, a third-party fuzzer, generates requests from what the server publishes (the OpenAPI document,
// the GraphQL schema) and checks every answer against it. For REST it runs every one of its checks: the
// document says exactly what the server accepts and answers. A bounded number of cases per operation runs in
// `npm test`; FUZZ_RUNS=N asks for N.

const st = path.join(repoRoot, "ml", ".venv", "bin", "st");
const config = path.join(repoRoot, "server", "test", "schemathesis");
const examples = (fallback: number) => String(process.env.FUZZ_RUNS ?? fallback);

/** Runs Schemathesis; resolves with its exit code and the end of its report. */
function schemathesis(args: string[], hooks = false): Promise<{ code: number | null; report: string }> {
  // Its crash cache goes to a folder of its own, not into the repository, and goes when it ends.
  const workDir = mkdtempSync(path.join(os.tmpdir(), "creditpath-schemathesis-"));
  return new Promise((resolve, reject) => {
    const child = spawn(st, ["--config-file", path.join(config, "schemathesis.toml"), "run", ...args], {
      env: {
        ...process.env,
        NO_COLOR: "1",
        // The hooks (scalars, the GraphQL check) only for GraphQL: REST runs Schemathesis's checks alone.
        ...(hooks ? { SCHEMATHESIS_HOOKS: "creditpath_hooks", PYTHONPATH: config } : {}),
      },
      cwd: workDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let report = "";
    const keep = (chunk: Buffer) => {
      report = (report + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (err) => {
      rmSync(workDir, { recursive: true, force: true });
      reject(err);
    });
    child.on("close", (code) => {
      rmSync(workDir, { recursive: true, force: true });
      resolve({ code, report });
    });
  });
}

describe("the published API, fuzzed by Schemathesis", () => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    if (!existsSync(st)) return;
    // A database of its own: the fuzzer's writes (drafts, sign-in attempts) reach no other test.
    database = await privateDatabase("conformance");
    app = await startTestApp(inject("servedModelDir"), { databaseUrl: database.url });
    w = await createWorld(app.services.db);
    await app.services.db.user.create({
      data: {
        email: `admin-${w.tag}@test.local`,
        displayName: "admin",
        role: "ADMIN",
        passwordHash: await hashPassword(PASSWORD),
      },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("REST: /openapi.json with all of Schemathesis's checks", async (ctx) => {
    skipUnless(ctx, existsSync(st), `${st} is missing: run \`npm run setup\` (ml/requirements.txt has it)`);
    // An administrator reaches every REST route, /health/details included.
    const token = await login(app, `admin-${w.tag}@test.local`, PASSWORD);
    const { code, report } = await schemathesis([
      `${app.baseUrl}/openapi.json`,
      "--checks",
      "all",
      "--max-examples",
      examples(25),
      "-H",
      `Authorization: Bearer ${token}`,
      "--exclude-path",
      "/graphql",
    ]);
    expect(code, report).toBe(0);
  }, 600_000);

  it("GraphQL: every query and mutation of schema.graphql, no 5xx and no internal error", async (ctx) => {
    skipUnless(ctx, existsSync(st), `${st} is missing: run \`npm run setup\` (ml/requirements.txt has it)`);
    // A supervisor: most operations are open to one, and none changes what other roles see.
    const token = await login(app, w.supervisorA.email, PASSWORD);
    const { code, report } = await schemathesis(
      [
        path.join(repoRoot, "server", "schema.graphql"),
        "--url",
        `${app.baseUrl}/graphql`,
        "--checks",
        "no_internal_error",
        "--max-examples",
        examples(10),
        "-H",
        `Authorization: Bearer ${token}`,
      ],
      true,
    );
    expect(code, report).toBe(0);
  }, 600_000);
});
