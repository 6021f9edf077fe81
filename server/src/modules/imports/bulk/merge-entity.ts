import type pg from "pg";
import { copyRows, quoteIdent as q } from "./copy-rows.js";
import { ENTITIES, type EntityName, type EntityRow, type EntitySpec, type SqlType } from "./entities.js";

export interface StagedRow<E extends EntityName> {
  /** Source line, so that a rejection can name it. */
  line: number;
  row: EntityRow<E>;
}

export interface MergeResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; column: string; message: string }[];
}

function stagingType(t: SqlType): string {
  if (t.startsWith("enum[]:")) return "text[]";
  if (t.startsWith("enum:")) return "text";
  return t;
}

function castFromStaging(column: string, t: SqlType): string {
  if (t.startsWith("enum[]:")) return `s.${q(column)}::${q(t.slice(7))}[]`;
  if (t.startsWith("enum:")) return `s.${q(column)}::${q(t.slice(5))}`;
  return `s.${q(column)}`;
}

/**
 * Upserts a batch of rows into one table through a temporary staging table, inside the caller's transaction:
 * references are resolved by natural key in SQL, rows whose reference does not exist are returned as
 * rejected, and rows identical to what is stored are left alone (so a re-import changes nothing).
 * Only the columns the rows carry are written: a source that lacks a column does not erase it.
 */
export async function mergeEntity<E extends EntityName>(
  client: pg.PoolClient,
  entity: E,
  portfolioId: string | null,
  rows: readonly StagedRow<E>[],
): Promise<MergeResult> {
  const result: MergeResult = { inserted: 0, updated: 0, unchanged: 0, rejected: [] };
  if (rows.length === 0) return result;
  const spec: EntitySpec = ENTITIES[entity];
  if (spec.portfolioScoped || spec.refs.some((r) => r.portfolioScoped)) {
    if (!portfolioId) throw new Error(`${spec.table} rows need a portfolio`);
  }

  const provided = new Set<string>();
  for (const { row } of rows) for (const [k, v] of Object.entries(row)) if (v !== undefined) provided.add(k);
  const columns = spec.columns.filter((c) => provided.has(c.name));
  const refs = spec.refs.filter((r) => provided.has(r.keyColumn) || !r.optional);
  const stage = `stage_${entity}`;
  const stageCols = ["line", ...refs.map((r) => r.keyColumn), ...columns.map((c) => c.name)];

  await client.query(
    `CREATE TEMP TABLE ${q(stage)} (line int NOT NULL, ${[
      ...refs.map((r) => `${q(r.keyColumn)} text`),
      ...columns.map((c) => `${q(c.name)} ${stagingType(c.type)}`),
    ].join(", ")}) ON COMMIT DROP`,
  );
  await copyRows(
    client,
    stage,
    stageCols,
    rows.map(({ line, row }) => [
      line,
      ...refs.map((r) => row[r.keyColumn as keyof typeof row]),
      ...columns.map((c) => row[c.name as keyof typeof row]),
    ]),
  );

  const params: unknown[] = [];
  const portfolioParam = () => {
    if (params.length === 0) params.push(portfolioId);
    return "$1::uuid";
  };
  const joins = refs.map((r, i) => {
    const scope = r.portfolioScoped ? ` AND r${i}."portfolioId" = ${portfolioParam()}` : "";
    return `${r.optional ? "LEFT JOIN" : "JOIN"} ${q(r.table)} r${i} ON r${i}.${q(r.matchColumn)} = s.${q(r.keyColumn)}${scope}`;
  });

  // Rows whose reference is missing or unknown are rejected with the key they named; an unknown optional
  // reference too, since a typo in an agent's e-mail should not vanish silently.
  for (const r of refs) {
    const scope = r.portfolioScoped ? ` AND r."portfolioId" = ${portfolioParam()}` : "";
    const missing = await client.query<{ line: number; key: string | null }>(
      `SELECT s.line, s.${q(r.keyColumn)} AS key FROM ${q(stage)} s
       LEFT JOIN ${q(r.table)} r ON r.${q(r.matchColumn)} = s.${q(r.keyColumn)}${scope}
       WHERE s.${q(r.keyColumn)} IS NOT NULL AND r.id IS NULL ${r.optional ? "" : `OR s.${q(r.keyColumn)} IS NULL`}`,
      params,
    );
    for (const m of missing.rows) {
      result.rejected.push({
        line: m.line,
        column: r.keyColumn,
        message:
          m.key === null
            ? `missing ${r.what} reference`
            : `unknown ${r.what} "${m.key}"${r.portfolioScoped ? " in this portfolio: import it first" : ""}`,
      });
    }
  }
  const rejectedLines = new Set(result.rejected.map((r) => r.line));

  const targetRefCols = refs.map((r) => r.target);
  const insertCols = [
    ...(spec.portfolioScoped ? ["portfolioId"] : []),
    ...targetRefCols,
    ...columns.map((c) => c.name),
    ...(spec.hasUpdatedAt ? ["updatedAt"] : []),
  ];
  const selectExprs = [
    ...(spec.portfolioScoped ? [portfolioParam()] : []),
    ...refs.map((_, i) => `r${i}.id`),
    ...columns.map((c) => castFromStaging(c.name, c.type)),
    ...(spec.hasUpdatedAt ? ["now()"] : []),
  ];
  // The natural key as it appears in staging (references by their key), to keep one row per key per batch.
  const stagingKey = spec.conflict
    .filter((k) => k !== "portfolioId")
    .map((k) => {
      const ref = refs.find((r) => r.target === k);
      return `s.${q(ref ? ref.keyColumn : k)}`;
    });
  const updatable = [...targetRefCols, ...columns.map((c) => c.name)].filter(
    (c) => !spec.conflict.includes(c),
  );
  const t = q(spec.table);
  const onConflict =
    updatable.length === 0
      ? "DO NOTHING"
      : `DO UPDATE SET ${updatable.map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(", ")}${
          spec.hasUpdatedAt ? `, "updatedAt" = now()` : ""
        } WHERE (${updatable.map((c) => `${t}.${q(c)}`).join(", ")}) IS DISTINCT FROM (${updatable
          .map((c) => `EXCLUDED.${q(c)}`)
          .join(", ")})`;
  const rejectedFilter = rejectedLines.size > 0 ? `WHERE s.line <> ALL($${params.length + 1}::int[])` : "";
  if (rejectedLines.size > 0) params.push([...rejectedLines]);

  const merged = await client.query<{ inserted: number; updated: number }>(
    `WITH src AS (
       SELECT DISTINCT ON (${stagingKey.join(", ")}) ${selectExprs.map((e, i) => `${e} AS c${i}`).join(", ")}
       FROM ${q(stage)} s ${joins.join(" ")} ${rejectedFilter}
       ORDER BY ${stagingKey.join(", ")}, s.line DESC
     ), ins AS (
       INSERT INTO ${t} (${insertCols.map(q).join(", ")})
       SELECT ${insertCols.map((_, i) => `c${i}`).join(", ")} FROM src
       ON CONFLICT (${spec.conflict.map(q).join(", ")}) ${onConflict}
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM ins`,
    params,
  );
  result.inserted = merged.rows[0]?.inserted ?? 0;
  result.updated = merged.rows[0]?.updated ?? 0;
  result.unchanged = rows.length - rejectedLines.size - result.inserted - result.updated;
  await client.query(`DROP TABLE ${q(stage)}`);
  return result;
}
