import { config } from "../config/config.js";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres.js";

export const DEFAULT_DATABASE = "creditpath";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Set when the embedded cluster's default port was taken and it runs on another: what to tell the user. */
  portNotice?: string;
  /** Stops the embedded cluster if this process started it; a no-op otherwise. */
  release(): Promise<void>;
}

/**
 * DATABASE_URL when set (docker-compose, a managed server); otherwise the embedded PostgreSQL 17 in the
 * configured data directory, started if needed.
 */
export async function resolveDatabase(log?: (line: string) => void): Promise<DatabaseHandle> {
  const cfg = config();
  if (cfg.databaseUrl) return { url: cfg.databaseUrl, embedded: false, release: async () => {} };
  const cluster = await startEmbeddedPostgres({
    dir: cfg.embeddedPg.dir,
    port: cfg.embeddedPg.port,
    portSetByUser: cfg.embeddedPg.portSetByUser,
    persistent: true,
    log,
  });
  try {
    const url = await ensureDatabase(cluster.serverUrl, DEFAULT_DATABASE);
    return { url, embedded: true, portNotice: cluster.portNotice, release: () => cluster.stop() };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}
