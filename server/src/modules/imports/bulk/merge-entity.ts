import type pg from "pg";
import { copyRows, quoteIdent as q } from "./copy-rows.js";
import {
  ENTITIES,
  type EntityName,
  type EntityRef,
  type EntityRow,
  type EntitySpec,
  type SqlType,
} from "./entities.js";

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

// COPY would send a JS array as JSON text; PostgreSQL's array input wants {"a","b"}.
function stagingValue(value: unknown, t: SqlType): unknown {
  if (!t.startsWith("enum[]:") || !Array.isArray(value)) return value;
  return `{${value.map((v) => `"${String(v).replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * Numbers the named parameters ($portfolio, $rejected) a statement actually uses: PostgreSQL refuses a
 * parameter whose type it cannot infer, so each statement must send only its own.
 */
function bind(text: string, named: { portfolio: string | null; rejected: number[] }): [string, unknown[]] {
  const order: ("portfolio" | "rejected")[] = [];
  const sql = text.replace(/\$(portfolio|rejected)\b/g, (_m, name: "portfolio" | "rejected") => {
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}::${name === "portfolio" ? "uuid" : "int[]"}`;
  });
  return [sql, order.map((name) => named[name])];
}

/**
 * Upserts a batch of rows into one table through a temporary staging table, inside the caller's transaction:
 * references are resolved by natural key in SQL, rows whose reference does not exist are returned as
 * rejected, and rows identical to what is stored are left alone (so a re-import changes nothing).
 * Only the columns the rows carry are written: a source that lacks a column does not erase it.
 * An update-only entity never inserts: rows naming an unknown record are rejected.
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
  // A reference into the table being merged may name a record of this very batch: it is set after the upsert.
  const deferred = refs.filter((r) => r.table === spec.table);
  const direct = refs.filter((r) => !deferred.includes(r));
  const stage = `stage_${entity}`;
  const touched = `touched_${entity}`;
  const t = q(spec.table);
  const stageCols = ["line", ...refs.map((r) => r.keyColumn), ...columns.map((c) => c.name)];

  const rejectedLines = new Set<number>();
  const query = <R extends pg.QueryResultRow>(text: string) => {
    const [sql, values] = bind(text, { portfolio: portfolioId, rejected: [...rejectedLines] });
    return client.query<R>(sql, values);
  };
  const alias = (r: EntityRef) => `r${refs.indexOf(r)}`;
  const refByKey = (keyColumn: string): EntityRef => {
    const ref = refs.find((r) => r.keyColumn === keyColumn);
    if (!ref)
      throw new Error(`${spec.table}: the reference "${keyColumn}" another one depends on is not staged`);
    return ref;
  };
  const on = (r: EntityRef): string => {
    const a = alias(r);
    const conditions = [`${a}.${q(r.matchColumn)} = s.${q(r.keyColumn)}`];
    if (r.portfolioScoped) conditions.push(`${a}."portfolioId" = $portfolio`);
    if (r.within) conditions.push(`${a}.${q(r.within.column)} = ${alias(refByKey(r.within.ref))}.id`);
    return conditions.join(" AND ");
  };
  const join = (r: EntityRef, kind: "JOIN" | "LEFT JOIN") => `${kind} ${q(r.table)} ${alias(r)} ON ${on(r)}`;
  const parentJoins = (r: EntityRef): string[] => {
    if (!r.within) return [];
    const parent = refByKey(r.within.ref);
    return [...parentJoins(parent), join(parent, "JOIN")];
  };
  const joins = direct.map((r) => join(r, r.optional || r.inferredFrom ? "LEFT JOIN" : "JOIN"));

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
      ...columns.map((c) => stagingValue(row[c.name as keyof typeof row], c.type)),
    ]),
  );

  // Rows whose reference is missing or unknown are rejected with the key they named; an unknown optional
  // reference too, since a typo in an agent's e-mail should not vanish silently.
  for (const r of refs) {
    const a = alias(r);
    const key = `s.${q(r.keyColumn)}`;
    const inBatch =
      deferred.includes(r) && columns.some((c) => c.name === r.matchColumn)
        ? ` AND NOT EXISTS (SELECT 1 FROM ${q(stage)} s2 WHERE s2.${q(r.matchColumn)} = ${key} AND s2.line <> s.line${
            r.within ? ` AND s2.${q(r.within.ref)} = s.${q(r.within.ref)}` : ""
          })`
        : "";
    const required = !r.optional && !r.inferredFrom;
    const missing = await query<{ line: number; key: string | null }>(
      `SELECT s.line, ${key} AS key FROM ${q(stage)} s ${parentJoins(r).join(" ")}
       LEFT JOIN ${q(r.table)} ${a} ON ${on(r)}
       WHERE (${key} IS NOT NULL AND ${a}.id IS NULL${inBatch})${required ? ` OR ${key} IS NULL` : ""}`,
    );
    const scope = r.within ? ` of this ${refByKey(r.within.ref).what}` : "";
    for (const m of missing.rows) {
      result.rejected.push({
        line: m.line,
        column: r.keyColumn,
        message:
          m.key === null
            ? `missing ${r.what} reference`
            : `unknown ${r.what} "${m.key}"${scope}${r.portfolioScoped ? " in this portfolio: import it first" : ""}`,
      });
      rejectedLines.add(m.line);
    }
  }

  // The natural key as it appears in staging (references by their key), to keep one row per key per batch.
  const stagingKeyColumn = (k: string) => refs.find((r) => r.target === k)?.keyColumn ?? k;
  const naturalKey = spec.conflict.filter((k) => k !== "portfolioId");
  const stagingKey = naturalKey.map((k) => `s.${q(stagingKeyColumn(k))}`);
  // The target table's natural key computed from a staging row, to find the record it updates.
  const conflictValue = (k: string): string => {
    if (k === "portfolioId") return "$portfolio";
    const ref = direct.find((r) => r.target === k);
    if (ref) return `${alias(ref)}.id`;
    const column = columns.find((c) => c.name === k);
    if (!column) throw new Error(`${spec.table}: the natural key column "${k}" is not staged`);
    return castFromStaging(k, column.type);
  };

  if (spec.mode === "update") {
    const what = spec.what ?? spec.table;
    const unknown = await query<{ line: number; key: string }>(
      `SELECT s.line, concat_ws(' / ', ${stagingKey.join(", ")}) AS key FROM ${q(stage)} s ${joins.join(" ")}
       LEFT JOIN ${t} x ON ${spec.conflict.map((k) => `x.${q(k)} = ${conflictValue(k)}`).join(" AND ")}
       WHERE x.id IS NULL AND s.line <> ALL($rejected)`,
    );
    for (const u of unknown.rows) {
      result.rejected.push({
        line: u.line,
        column: stagingKeyColumn(naturalKey[0] ?? "id"),
        message:
          u.key === ""
            ? `missing ${what} key`
            : `unknown ${what} "${u.key}"${spec.portfolioScoped ? " in this portfolio" : ""}: this import only ` +
              `updates existing records, it never creates one; import the ${what} first`,
      });
      rejectedLines.add(u.line);
    }
  }

  const targetRefCols = direct.map((r) => r.target);
  const insertCols = [
    ...(spec.portfolioScoped ? ["portfolioId"] : []),
    ...targetRefCols,
    ...columns.map((c) => c.name),
    ...(spec.hasUpdatedAt ? ["updatedAt"] : []),
  ];
  const selectExprs = [
    ...(spec.portfolioScoped ? ["$portfolio"] : []),
    ...direct.map((r) =>
      r.inferredFrom
        ? `COALESCE(${alias(r)}.id, ${alias(refByKey(r.inferredFrom.ref))}.${q(r.inferredFrom.column)})`
        : `${alias(r)}.id`,
    ),
    ...columns.map((c) => castFromStaging(c.name, c.type)),
    ...(spec.hasUpdatedAt ? ["now()"] : []),
  ];
  const insertOnly = new Set(columns.filter((c) => c.insertOnly).map((c) => c.name));
  const updatable = [...targetRefCols, ...columns.map((c) => c.name)].filter(
    (c) => !spec.conflict.includes(c) && !insertOnly.has(c),
  );
  const rejectedFilter = rejectedLines.size > 0 ? "WHERE s.line <> ALL($rejected)" : "";
  const src = `SELECT DISTINCT ON (${stagingKey.join(", ")}) ${selectExprs.map((e, i) => `${e} AS c${i}`).join(", ")}
       FROM ${q(stage)} s ${joins.join(" ")} ${rejectedFilter}
       ORDER BY ${stagingKey.join(", ")}, s.line DESC`;

  if (spec.mode === "update") {
    const c = (name: string) => `src.c${insertCols.indexOf(name)}`;
    if (updatable.length > 0) {
      const merged = await query<{ updated: number }>(
        `WITH src AS (${src}), upd AS (
           UPDATE ${t} SET ${updatable.map((col) => `${q(col)} = ${c(col)}`).join(", ")}${
             spec.hasUpdatedAt ? `, "updatedAt" = now()` : ""
           }
           FROM src WHERE ${spec.conflict.map((k) => `${t}.${q(k)} = ${c(k)}`).join(" AND ")}
             AND (${updatable.map((col) => `${t}.${q(col)}`).join(", ")}) IS DISTINCT FROM (${updatable
               .map(c)
               .join(", ")})
           RETURNING 1
         )
         SELECT count(*)::int AS updated FROM upd`,
      );
      result.updated = merged.rows[0]?.updated ?? 0;
    }
  } else {
    const onConflict =
      updatable.length === 0
        ? "DO NOTHING"
        : `DO UPDATE SET ${updatable.map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(", ")}${
            spec.hasUpdatedAt ? `, "updatedAt" = now()` : ""
          } WHERE (${updatable.map((c) => `${t}.${q(c)}`).join(", ")}) IS DISTINCT FROM (${updatable
            .map((c) => `EXCLUDED.${q(c)}`)
            .join(", ")})`;
    // Records the upsert wrote are remembered, so that setting their deferred references does not count twice.
    const track = deferred.length > 0;
    if (track) await client.query(`CREATE TEMP TABLE ${q(touched)} (id uuid PRIMARY KEY) ON COMMIT DROP`);
    const merged = await query<{ inserted: number; updated: number }>(
      `WITH src AS (${src}), ins AS (
         INSERT INTO ${t} (${insertCols.map(q).join(", ")})
         SELECT ${insertCols.map((_, i) => `c${i}`).join(", ")} FROM src
         ON CONFLICT (${spec.conflict.map(q).join(", ")}) ${onConflict}
         RETURNING ${track ? "id, " : ""}(xmax = 0) AS inserted
       )${track ? `, kept AS (INSERT INTO ${q(touched)} SELECT id FROM ins)` : ""}
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM ins`,
    );
    result.inserted = merged.rows[0]?.inserted ?? 0;
    result.updated = merged.rows[0]?.updated ?? 0;

    for (const r of deferred) {
      const a = alias(r);
      const fixed = await query<{ updated: number }>(
        `WITH src AS (
           SELECT DISTINCT ON (${stagingKey.join(", ")}) ${spec.conflict
             .map((k, i) => `${conflictValue(k)} AS k${i}`)
             .join(", ")}, ${a}.id AS ref
           FROM ${q(stage)} s ${joins.join(" ")} LEFT JOIN ${q(r.table)} ${a} ON ${on(r)} ${rejectedFilter}
           ORDER BY ${stagingKey.join(", ")}, s.line DESC
         ), upd AS (
           UPDATE ${t} SET ${q(r.target)} = src.ref FROM src
           WHERE ${spec.conflict.map((k, i) => `${t}.${q(k)} = src.k${i}`).join(" AND ")}
             AND ${t}.${q(r.target)} IS DISTINCT FROM src.ref
           RETURNING ${t}.id
         )
         SELECT count(*) FILTER (WHERE id NOT IN (SELECT id FROM ${q(touched)}))::int AS updated FROM upd`,
      );
      result.updated += fixed.rows[0]?.updated ?? 0;
    }
    if (track) await client.query(`DROP TABLE ${q(touched)}`);
  }

  // Several staged rows can come from one line (a loan and its six statements): count rows, not lines.
  const rejectedRows = rows.filter((r) => rejectedLines.has(r.line)).length;
  result.unchanged = rows.length - rejectedRows - result.inserted - result.updated;
  await client.query(`DROP TABLE ${q(stage)}`);
  return result;
}
