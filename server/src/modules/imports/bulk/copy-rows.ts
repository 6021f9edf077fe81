import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// COPY's CSV format: an unquoted empty field is NULL, a quoted one is the empty string.
function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot stage the number ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "t" : "f";
  const text =
    typeof value === "string" ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return `"${text.replace(/"/g, '""')}"`;
}

const copySql = (table: string, columns: readonly string[]) =>
  `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) FROM STDIN WITH (FORMAT csv)`;

/** Rows as the CSV text COPY reads, for `copyCsv` (rendered ahead, e.g. while earlier rows are written). */
export function csvText(rows: Iterable<readonly unknown[]>): string {
  let text = "";
  for (const row of rows) text += `${row.map(csvField).join(",")}\n`;
  return text;
}

/**
 * COPY of CSV text rendered beforehand (`csvText`): sent in one piece, so a transaction that waits on it
 * does not also wait for the rows to be rendered between other work on a busy event loop.
 */
export async function copyCsv(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  csv: string,
): Promise<void> {
  await pipeline(Readable.from([csv]), client.query(copyFrom(copySql(table, columns))));
}

/** Streams rows into `table` with COPY: one round trip for a whole batch. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const sql = copySql(table, columns);
  const source = Readable.from(
    (function* () {
      let chunk = "";
      for (const row of rows) {
        chunk += `${row.map(csvField).join(",")}\n`;
        if (chunk.length > 64 * 1024) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    })(),
  );
  await pipeline(source, client.query(copyFrom(sql)));
}
