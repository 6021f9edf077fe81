import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { skipUnless } from "../../../test/skip-unless.js";
import { StartupError } from "../errors/startup-error.js";
import { freePort } from "../net/ports.js";
import { type RunningPostgres, startEmbeddedPostgres } from "./embedded-postgres.js";
import { binariesIn, packagedBinaries } from "./postgres-binaries.js";
import { postgresOsUser } from "./postgres-os-user.js";

const asRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(path.join(os.tmpdir(), "creditpath-embedded-test-"));
chmodSync(scratch, 0o755);
const started: RunningPostgres[] = [];
const held: net.Server[] = [];

async function version(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? ""
    );
  } finally {
    await client.end();
  }
}

/** Another program's listener on a port: what a second demo or a local PostgreSQL looks like to us. */
async function holdPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  held.push(server);
  return (server.address() as net.AddressInfo).port;
}

/** A data directory in a folder of its own that the postgres OS user may enter (mkdtemp makes it 700). */
function newDataDir(name: string): string {
  const parent = mkdtempSync(path.join(scratch, `${name}-`));
  chmodSync(parent, 0o755);
  return path.join(parent, "pg");
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
  await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the embedded PostgreSQL", () => {
  it("starts as root from a checkout inside a private (mode 700) folder, without opening that folder", async (ctx) => {
    skipUnless(ctx, asRoot, "runs only as root: only root hands PostgreSQL to a postgres OS user");
    // A checkout in root's home or a mktemp -d folder: the binaries sit where the postgres user cannot go.
    const privateHome = mkdtempSync(path.join(os.tmpdir(), "creditpath-private-home-"));
    try {
      const packaged = await packagedBinaries();
      const hiddenRoot = path.join(privateHome, "checkout", "node_modules", "native");
      mkdirSync(path.dirname(hiddenRoot), { recursive: true });
      cpSync(packaged.root, hiddenRoot, { recursive: true, verbatimSymlinks: true });
      const hidden = binariesIn(hiddenRoot, packaged.version);
      const user = postgresOsUser();
      if (!user) throw new Error("as root there must be a postgres OS user");
      const direct = spawnSync(hidden.postgres, ["--version"], { uid: user.uid, gid: user.gid });
      expect(direct.error?.message ?? `exit ${direct.status}`).toMatch(/EACCES/);

      const cache = path.join(scratch, "binaries");
      const cluster = await startEmbeddedPostgres({
        dir: newDataDir("private"),
        port: await freePort(),
        persistent: false,
        binaries: hidden,
        binaryCache: cache,
      });
      started.push(cluster);
      expect(await version(cluster.serverUrl)).toMatch(/^17\./);
      // The private folder kept its mode: nothing was opened up to reach the binaries.
      const mode = spawnSync("stat", ["-c", "%a", privateHome], { encoding: "utf8" }).stdout.trim();
      expect(mode).toBe("700");
    } finally {
      rmSync(privateHome, { recursive: true, force: true });
    }
  });

  it("moves on to the next free port when its default port is held by another program, and says so", async () => {
    const port = await holdPort();
    const cluster = await startEmbeddedPostgres({ dir: newDataDir("default-port"), port, persistent: false });
    started.push(cluster);
    expect(cluster.portNotice).toMatch(new RegExp(`port ${port} \\(CREDITPATH_PG_PORT\\) is in use`));
    const chosen = Number(new URL(cluster.serverUrl).port);
    expect(chosen).toBeGreaterThan(port);
    expect(await version(cluster.serverUrl)).toMatch(/^17\./);
  });

  it("stops with a message naming the port, CREDITPATH_PG_PORT and the holder when the user chose that port", async () => {
    const port = await holdPort();
    const dir = newDataDir("user-port");
    const failure = await startEmbeddedPostgres({ dir, port, portSetByUser: true, persistent: false }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(StartupError);
    const err = failure as StartupError;
    expect(err.message).toContain(`Port ${port} (CREDITPATH_PG_PORT) is already in use`);
    // The holder is this test process; /proc tells us so on Linux.
    if (process.platform === "linux") expect(err.message).toContain(`pid ${process.pid}`);
    expect(err.fix).toContain("CREDITPATH_PG_PORT");
  });

  it("runs two start-ups at once from two checkouts wanting the same default port", async () => {
    const port = await freePort();
    const [a, b] = await Promise.all([
      startEmbeddedPostgres({ dir: newDataDir("clone-a"), port, persistent: false }),
      startEmbeddedPostgres({ dir: newDataDir("clone-b"), port, persistent: false }),
    ]);
    started.push(a, b);
    expect(new URL(a.serverUrl).port).not.toBe(new URL(b.serverUrl).port);
    expect(await version(a.serverUrl)).toMatch(/^17\./);
    expect(await version(b.serverUrl)).toMatch(/^17\./);
  });

  it("refuses a data directory left by another PostgreSQL version, and leaves it as it was", async () => {
    const dir = newDataDir("old-version");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "PG_VERSION"), "15\n");
    const failure = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: true }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toContain("holds a PostgreSQL 15 cluster");
    expect((failure as StartupError).fix).toContain("CREDITPATH_PG_DIR");
  });

  it("reuses the cluster already running on its data directory instead of starting a second one", async () => {
    const dir = newDataDir("shared");
    const first = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    started.push(first);
    const second = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
    expect(second.owned).toBe(false);
    expect(second.serverUrl).toBe(first.serverUrl);
  });
});
