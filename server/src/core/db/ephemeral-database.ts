import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { config } from "../config/config.js";
import { freePort } from "../net/ports.js";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres.js";
import { migrateDeploy } from "./migrate.js";

export interface EphemeralDatabase {
  url: string;
  dispose(): Promise<void>;
}

/**
 * A migrated database that exists for one test run and is gone afterwards: a fresh database on the
 * DATABASE_URL server when one is configured, otherwise a throw-away embedded cluster.
 */
export async function createEphemeralDatabase(tag = "test"): Promise<EphemeralDatabase> {
  const name = `creditpath_${tag}_${Date.now()}_${process.pid}`;
  const external = config().databaseUrl;
  if (external) {
    const url = await ensureDatabase(external, name);
    await migrateDeploy(url);
    return { url, dispose: () => dropDatabase(external, name) };
  }
  // mkdtemp is 0700; as root, the cluster set-up hands the folder itself to the postgres OS user.
  const dir = mkdtempSync(path.join(os.tmpdir(), "creditpath-pg-"));
  const cluster = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
  try {
    const url = await ensureDatabase(cluster.serverUrl, name);
    await migrateDeploy(url);
    return { url, dispose: () => cluster.stop() };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
