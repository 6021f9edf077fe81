import { mkdtempSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { config } from "../config/config.js";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres.js";
import { migrateDeploy } from "./migrate.js";

export interface EphemeralDatabase {
  url: string;
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
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
  // mkdtemp is 0700; embedded-postgres hands the folder itself to the postgres user when running as root.
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
