import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type pg from "pg";
import { inject } from "vitest";
import { createPgPool } from "../../../core/db/pg-pool.js";
import type { ColumnMapping, ImportSource } from "../import-source.js";
import { type ImportSummary, runImport } from "../run-import.js";

export type Cell = string | number | boolean | Date | null;

export interface ReportedIssue {
  line: number;
  column: string | null;
  severity: "ERROR" | "WARNING";
  message: string;
}

function csvCell(v: Cell): string {
  if (v === null) return "";
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One test file's import world: its own portfolio (a unique name), a temp folder for the files it writes,
 * and a clean-up that removes the portfolio (its records cascade), the runs, and users and teams carrying
 * the file's tag.
 */
export async function createImportKit() {
  const tag = randomUUID().slice(0, 8);
  const pool = createPgPool(inject("databaseUrl"));
  const dir = await mkdtemp(path.join(os.tmpdir(), "creditpath-import-"));
  const portfolio = { name: `import-test-${tag}`, source: "test", asOfDate: "2025-06-30" };
  const runIds: string[] = [];

  const kit = {
    tag,
    pool,
    dir,
    portfolio,
    async csv(name: string, rows: Cell[][]): Promise<string> {
      const file = path.join(dir, name);
      await writeFile(file, `${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`);
      return file;
    },
    /** A file written exactly as given, for layouts copied from elsewhere. */
    async text(name: string, lines: string[]): Promise<string> {
      const file = path.join(dir, name);
      await writeFile(file, `${lines.join("\n")}\n`);
      return file;
    },
    async xlsx(name: string, rows: Cell[][]): Promise<string> {
      const file = path.join(dir, name);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Data");
      for (const row of rows) sheet.addRow(row);
      await workbook.xlsx.writeFile(file);
      return file;
    },
    async run(source: ImportSource, file: string, mapping?: ColumnMapping): Promise<ImportSummary> {
      const summary = await runImport({ pool, source, file, portfolio, mapping, reportDir: dir });
      runIds.push(summary.runId);
      return summary;
    },
    async issues(runId: string): Promise<ReportedIssue[]> {
      const res = await pool.query<ReportedIssue>(
        `SELECT line, "column", severity, message FROM "ImportRowError" WHERE "importRunId" = $1 ORDER BY line, "column", message`,
        [runId],
      );
      return res.rows;
    },
    async portfolioId(): Promise<string> {
      const res = await pool.query<{ id: string }>(`SELECT id FROM "Portfolio" WHERE name = $1`, [
        portfolio.name,
      ]);
      if (!res.rows[0]) throw new Error(`portfolio ${portfolio.name} was never created`);
      return res.rows[0].id;
    },
    async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await pool.query<T>(sql, params)).rows;
    },
    async close() {
      await pool.query(`DELETE FROM "Portfolio" WHERE name = $1`, [portfolio.name]);
      await pool.query(`DELETE FROM "ImportRun" WHERE id = ANY($1::uuid[])`, [runIds]);
      await pool.query(`DELETE FROM "User" WHERE email LIKE $1`, [`%${tag}%`]);
      await pool.query(`DELETE FROM "Team" WHERE name LIKE $1`, [`%${tag}%`]);
      await pool.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return kit;
}

export type ImportKit = Awaited<ReturnType<typeof createImportKit>>;

/** The counts a test asserts on, in one object so a failure shows them all. */
export const counts = (s: ImportSummary) => ({
  status: s.status,
  rowsTotal: s.rowsTotal,
  rowsImported: s.rowsImported,
  rowsRejected: s.rowsRejected,
  inserted: s.inserted,
  updated: s.updated,
});
