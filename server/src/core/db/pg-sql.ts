import type pg from "pg";
import type { Prisma } from "../../generated/prisma/client.js";

/**
 * Runs a `Prisma.sql` statement on a node-postgres pool. For the hottest reads (a worklist page) Prisma's
 * per-statement work cost more than the statement itself; node-postgres reads the same types (integers,
 * timestamptz as Date, jsonb as objects; casts text where Prisma would too).
 */
export async function queryRows<T extends pg.QueryResultRow>(pool: pg.Pool, sql: Prisma.Sql): Promise<T[]> {
  return (await pool.query<T>(sql.text, sql.values as unknown[])).rows;
}
