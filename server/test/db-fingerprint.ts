import type pg from "pg";

/**
 * A digest of every row of every table but those a refused call is meant to write (the audit log records
 * refusals; rate-limit windows count attempts), and columns that record use rather than content (an API key's
 * last use): equal digests before and after a call mean it changed nothing.
 */
export async function databaseFingerprint(pool: pg.Pool): Promise<Record<string, string>> {
  const tables = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('AuditLog', 'RateLimitWindow', '_prisma_migrations')
        AND table_name NOT LIKE 'pgboss%'`,
  );
  const digests = await pool.query<{ name: string; digest: string }>(
    tables.rows
      .map(
        (t) =>
          `SELECT '${t.name}' AS name, md5(coalesce(string_agg((to_jsonb(x) - 'lastUsedAt')::text, '|' ORDER BY x::text), '')) AS digest FROM "${t.name}" x`,
      )
      .join(" UNION ALL "),
  );
  return Object.fromEntries(digests.rows.map((r) => [r.name, r.digest]));
}
