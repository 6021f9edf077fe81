// `npm run demo` as a user meets it: ports held by other programs, and Ctrl+C. The demo runs as a real process
// (tsx, as `npm run demo` starts it after its set-up) against a fresh database on the test server.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../server/src/core/config/repo-paths.js";
import { dropDatabase, ensureDatabase } from "../server/src/core/db/embedded-postgres.js";
import { isPortFree, portHolder } from "../server/src/core/net/ports.js";
import { builtServer } from "../server/test/built-server.js";
// The run's test database and served model, which the global set-up provides (types only).
import type {} from "../server/test/global-setup.js";

interface DemoRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
const held: net.Server[] = [];
const emptyDataDir = mkdtempSync(path.join(os.tmpdir(), "creditpath-demo-nodata-"));

function startDemo(env: Record<string, string | undefined>): DemoRun {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    CREDITPATH_DATA_DIR: emptyDataDir,
    LOG_LEVEL: "warn",
  };
  for (const name of ["PORT", "WEB_PORT", "CREDITPATH_PG_PORT", "CREDITPATH_PG_DIR", "DATABASE_URL"])
    delete childEnv[name];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/demo.ts"], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let text = "";
  child.stdout?.on("data", (c) => {
    text += String(c);
  });
  child.stderr?.on("data", (c) => {
    text += String(c);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Listens on `port` (or any port) as another program would; undefined when something else already does. */
async function hold(port = 0): Promise<number | undefined> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
  if (!ok) return undefined;
  held.push(server);
  return (server.address() as net.AddressInfo).port;
}

async function until(what: string, probe: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  builtServer();
  if (!existsSync(path.join(repoRoot, "web", "dist", "index.html")))
    throw new Error("web/dist is missing: run `npm run build -w web` first");
});
afterEach(async () => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
});
afterAll(() => rmSync(emptyDataDir, { recursive: true, force: true }));

describe("the demo's start-up with a port that the user chose held by another program", () => {
  for (const variable of ["PORT", "WEB_PORT", "CREDITPATH_PG_PORT"]) {
    it(`stops before anything runs, with one message naming ${variable}, the port and its holder`, async () => {
      const port = await hold();
      const pgDir = mkdtempSync(path.join(os.tmpdir(), "creditpath-demo-pg-"));
      try {
        const demo = startDemo({ [variable]: String(port), CREDITPATH_PG_DIR: path.join(pgDir, "pg17") });
        expect(await demo.exited).toBe(1);
        const out = demo.output();
        expect(out).toContain(`demo: Port ${port} (${variable}) is already in use by pid ${process.pid}`);
        expect(out).toContain(`How to fix: Stop that program, or set ${variable} to a free port.`);
        expect(out).toContain("Details: .data/logs/demo.log");
        expect(out).not.toContain("is running");
        // No stack trace on the terminal: it went to the log file.
        expect(out).not.toMatch(/^\s+at /m);
        // Nothing was started: no database cluster was created in the data directory.
        expect(existsSync(path.join(pgDir, "pg17", "PG_VERSION"))).toBe(false);
      } finally {
        rmSync(pgDir, { recursive: true, force: true });
      }
    });
  }
});

describe("the demo with its default ports held by other programs", () => {
  const dbName = `creditpath_demo_${Date.now()}`;
  let serverUrl: string;

  beforeAll(() => {
    serverUrl = new URL(inject("databaseUrl")).toString().replace(/\/[^/]*$/, "/postgres");
  });
  afterAll(async () => {
    await dropDatabase(serverUrl, dbName);
  });

  it("moves to free ports, says which, answers at the printed addresses, and leaves nothing running after Ctrl+C", async () => {
    const apiDefault = 4000;
    const webDefault = 5173;
    // Held by us here, or by something else on this machine: either way the demo must not use them.
    await hold(apiDefault);
    await hold(webDefault);
    const databaseUrl = await ensureDatabase(serverUrl, dbName);
    const demo = startDemo({
      DATABASE_URL: databaseUrl,
      CREDITPATH_MODEL_DIR: inject("servedModelDir"),
      CREDITPATH_COLLECTION_MODELS_DIR: inject("collectionModelsDir"),
    });
    await until(
      "the demo to say it is running",
      () => demo.output().includes("CreditPathAI is running") || demo.child.exitCode !== null,
      240_000,
    );
    const out = demo.output();
    expect(out, out).toContain("CreditPathAI is running");
    expect(out).toMatch(new RegExp(`port ${apiDefault} \\(PORT\\) is in use.*: using \\d+ instead`));
    expect(out).toMatch(new RegExp(`port ${webDefault} \\(WEB_PORT\\) is in use.*: using \\d+ instead`));
    const apiUrl = /API:\s+(http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out)?.[1];
    const webUrl = /Portal:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    if (!apiUrl || !webUrl) throw new Error(`addresses not printed:\n${out}`);
    const apiPort = Number(new URL(apiUrl).port);
    const webPort = Number(new URL(webUrl).port);
    expect([apiPort, webPort]).not.toContain(apiDefault);
    expect([apiPort, webPort]).not.toContain(webDefault);

    // What answers at the printed addresses is ours: the API's health and the portal, whose proxy reaches
    // the API on the port it actually got.
    const health = (await (await fetch(`${apiUrl}/health`)).json()) as { database: { ok: boolean } };
    expect(health.database.ok).toBe(true);
    expect(await (await fetch(`${webUrl}/`)).text()).toContain("<title>CreditPathAI</title>");
    const viaPortal = await fetch(`${webUrl}/health`);
    expect(((await viaPortal.json()) as { database: { ok: boolean } }).database.ok).toBe(true);

    const pids = [apiPort, webPort].map((p) => Number(/^pid (\d+)/.exec(portHolder(p) ?? "")?.[1]));
    expect(pids.every((p) => Number.isInteger(p) && p > 0)).toBe(true);

    demo.child.kill("SIGINT");
    expect(await demo.exited).toBe(0);
    await until("the API and the portal to exit", () => pids.every((p) => !alive(p)), 20_000);
    expect(await isPortFree(apiPort)).toBe(true);
    expect(await isPortFree(webPort)).toBe(true);
  }, 300_000);
});
