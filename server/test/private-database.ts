import { inject } from "vitest";
import { dropDatabase, ensureDatabase } from "../src/core/db/embedded-postgres.js";
import { migrateDeploy } from "../src/core/db/migrate.js";

/**
 * A migrated database of the test file's own, on the run's PostgreSQL server: for a test that compares the
 * whole database before and after a call, which other files writing concurrently would disturb.
 */
export async function privateDatabase(tag: string): Promise<{ url: string; dispose(): Promise<void> }> {
  const server = inject("databaseUrl");
  const name = `creditpath_${tag}_${process.pid}_${Date.now()}`;
  const url = await ensureDatabase(server, name);
  await migrateDeploy(url);
  return { url, dispose: () => dropDatabase(server, name) };
}
