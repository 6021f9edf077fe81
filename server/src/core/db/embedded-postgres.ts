import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { StartupError } from "../errors/startup-error.js";
import { choosePort, movedPortNotice } from "../net/ports.js";
import { type PostgresBinaries, packagedBinaries, reachableBinaries } from "./postgres-binaries.js";
import { clusterVersion, initCluster, startCluster } from "./postgres-cluster.js";
import { postgresOsUser } from "./postgres-os-user.js";

// The embedded cluster only listens on loopback, so fixed local credentials are acceptable here.
const USER = "creditpath";
const PASSWORD = "creditpath";
const MAX_START_ATTEMPTS = 5;

export interface RunningPostgres {
  /** Connection URL of the server (database `postgres`). */
  serverUrl: string;
  /** Whether this process started the cluster and therefore stops it. */
  owned: boolean;
  /** Set when the wished port was taken and another one was chosen: what to tell the user. */
  portNotice?: string;
  stop(): Promise<void>;
  /**
   * Stops the server as a crash would, keeping its data directory for the next start's recovery (for tests of
   * what survives one); a cluster this process did not start is left alone.
   */
  crash(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dir: string;
  port: number;
  /** Whether the user chose the port (CREDITPATH_PG_PORT): then a taken port stops start-up instead of moving on. */
  portSetByUser?: boolean;
  /** false: the data directory is deleted on stop (test clusters). */
  persistent: boolean;
  log?: (line: string) => void;
  /** Where the PostgreSQL programs are (default: the npm package for this platform). */
  binaries?: PostgresBinaries;
  /** Where a copy of them goes when the postgres OS user cannot reach them (default: the temp dir). */
  binaryCache?: string;
}

export function serverUrl(port: number, database = "postgres"): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** A cluster already running on this data directory (another demo, a seeder) is reused, not restarted. */
function runningClusterPort(dir: string): number | undefined {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

/**
 * Starts PostgreSQL 17 from the binaries that ship in npm, on `dir` (initialised on first use), or reuses the
 * one already running there. As root, the programs run as the `postgres` OS user, from a copy it can reach.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const existingPort = runningClusterPort(opts.dir);
  if (existingPort !== undefined) {
    return {
      serverUrl: serverUrl(existingPort),
      owned: false,
      stop: async () => {},
      crash: async () => {},
    };
  }
  const osUser = postgresOsUser();
  const binaries = reachableBinaries(opts.binaries ?? (await packagedBinaries()), osUser, opts.binaryCache);
  const found = clusterVersion(opts.dir);
  if (found !== undefined && found !== binaries.major) {
    throw new StartupError(
      `The data directory ${opts.dir} holds a PostgreSQL ${found} cluster; the embedded server is PostgreSQL ${binaries.major}.`,
      "Move that folder away (its data stays in it) or set CREDITPATH_PG_DIR to another folder; " +
        `to keep using PostgreSQL ${found}, run it yourself and set DATABASE_URL.`,
    );
  }
  mkdirSync(path.dirname(opts.dir), { recursive: true });
  const base = { binaries, osUser, dir: opts.dir, user: USER, password: PASSWORD, log: opts.log };
  let wish = opts.port;
  for (let attempt = 1; ; attempt++) {
    const { port } = await choosePort({
      port: wish,
      variable: "CREDITPATH_PG_PORT",
      setByUser: opts.portSetByUser ?? false,
    });
    const spec = { ...base, port };
    if (clusterVersion(opts.dir) === undefined) await initCluster(spec);
    try {
      const cluster = await startCluster(spec);
      return {
        serverUrl: serverUrl(port),
        owned: true,
        // Measured against the port first wished for: a retry after a lost race wished for the next one.
        portNotice: port === opts.port ? undefined : movedPortNotice(opts.port, "CREDITPATH_PG_PORT", port),
        stop: async () => {
          await cluster.stop();
          if (!opts.persistent) rmSync(opts.dir, { recursive: true, force: true });
        },
        crash: () => cluster.crash(),
      };
    } catch (err) {
      // Another start-up (a second checkout's demo) took the same free port between our check and our bind.
      const raced = err instanceof StartupError && err.code === "EADDRINUSE" && !opts.portSetByUser;
      if (!raced || attempt >= MAX_START_ATTEMPTS) {
        if (!opts.persistent) rmSync(opts.dir, { recursive: true, force: true });
        throw err;
      }
      wish = port + 1;
    }
  }
}

/** Creates the database if it does not exist; returns its URL. */
export async function ensureDatabase(serverConnectionUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name "${name}"`);
  const client = new pg.Client({ connectionString: serverConnectionUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(serverConnectionUrl, name);
}

export async function dropDatabase(serverConnectionUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverConnectionUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
