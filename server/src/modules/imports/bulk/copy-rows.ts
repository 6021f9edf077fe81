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

/** Streams rows into `table` with COPY: one round trip for a whole batch. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) FROM STDIN WITH (FORMAT csv)`;
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
