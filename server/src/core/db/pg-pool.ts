import pg from "pg";

/**
 * A plain node-postgres pool for the bulk paths (COPY, staging tables) that Prisma does not offer. Six
 * connections by default: a history stream reads ahead with four queries at once while a writer commits.
 */
export function createPgPool(url: string, max = 6): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return pool;
}
