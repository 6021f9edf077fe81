import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import type { PortfolioKind } from "../../generated/prisma/enums.js";
import { copyRows } from "./bulk/copy-rows.js";
import type { EntityName } from "./bulk/entities.js";
import { mergeBatch, type StagedBatch } from "./bulk/merge-batch.js";
import type { StagedRow } from "./bulk/merge-entity.js";
import { mappingProblems } from "./column-mapping.js";
import { ImportFileError, openTable } from "./files/table-reader.js";
import { createImportProgress } from "./import-progress.js";
import type { ColumnMapping, ImportSource, PortfolioInfo } from "./import-source.js";
import { createRecordParser } from "./record-parser.js";

export interface ImportOptions {
  pool: pg.Pool;
  source: ImportSource;
  file: string;
  /** Ignored by sources whose records belong to no portfolio (`global`). */
  portfolio?: PortfolioInfo;
  /**
   * The portfolio's kind (`--kind`), set on an existing portfolio too. Absent: a new portfolio gets the
   * source's default kind and an existing one keeps its own, so a re-import never flips it silently.
   */
  kind?: PortfolioKind;
  mapping?: ColumnMapping;
  batchSize?: number;
  progress?: boolean;
  /** Where the row-level report is written (one CSV per run). */
  reportDir?: string;
  startedById?: string;
  /** Test hook: called after each committed batch. */
  afterBatch?: (committedRows: number) => void | Promise<void>;
}

export interface ImportSummary {
  runId: string;
  status: "SUCCEEDED" | "PARTIAL" | "FAILED";
  /** Null for a source whose records belong to no portfolio (the roster). */
  portfolioId: string | null;
  /** The portfolio's kind after the import; null without a portfolio. */
  portfolioKind: PortfolioKind | null;
  /** The kind the portfolio had before `kind` changed it; null when it was new or kept its kind. */
  kindChangedFrom: PortfolioKind | null;
  rowsTotal: number;
  rowsImported: number;
  rowsRejected: number;
  rowsWarned: number;
  inserted: number;
  updated: number;
  unchanged: number;
  reportPath: string | null;
  error?: string;
}

interface Issue {
  line: number;
  column: string | null;
  severity: "ERROR" | "WARNING";
  message: string;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

interface EnsuredPortfolio {
  id: string;
  kind: PortfolioKind;
  kindChangedFrom: PortfolioKind | null;
}

/**
 * Creates the portfolio, or updates its date and source. Its kind is `kind` when given (a change is
 * reported), else a new portfolio's is the source's default and an existing one's stays.
 */
async function ensurePortfolio(
  pool: pg.Pool,
  p: PortfolioInfo,
  kind: PortfolioKind | undefined,
  defaultKind: PortfolioKind,
): Promise<EnsuredPortfolio> {
  const before = await pool.query<{ kind: PortfolioKind }>(
    `SELECT kind::text FROM "Portfolio" WHERE name = $1`,
    [p.name],
  );
  await pool.query(
    `INSERT INTO "Portfolio" (name, source, description, "asOfDate", kind, "updatedAt")
     VALUES ($1, $2, $3, $4::date, $5::"PortfolioKind", now())
     ON CONFLICT (name) DO UPDATE SET "asOfDate" = EXCLUDED."asOfDate", source = EXCLUDED.source,
       description = COALESCE(EXCLUDED.description, "Portfolio".description),
       kind = CASE WHEN $6::boolean THEN EXCLUDED.kind ELSE "Portfolio".kind END, "updatedAt" = now()
     WHERE ("Portfolio"."asOfDate", "Portfolio".source, CASE WHEN $6::boolean THEN "Portfolio".kind END)
       IS DISTINCT FROM (EXCLUDED."asOfDate", EXCLUDED.source, CASE WHEN $6::boolean THEN EXCLUDED.kind END)`,
    [p.name, p.source, p.description ?? null, p.asOfDate, kind ?? defaultKind, kind !== undefined],
  );
  const after = await pool.query<{ id: string; kind: PortfolioKind }>(
    `SELECT id, kind::text FROM "Portfolio" WHERE name = $1`,
    [p.name],
  );
  const row = after.rows[0] as { id: string; kind: PortfolioKind };
  const previous = before.rows[0]?.kind;
  return { ...row, kindChangedFrom: previous && previous !== row.kind ? previous : null };
}

function csvCell(v: string | number | null): string {
  const s = v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Streams a file through validation into PostgreSQL in batches. Each batch (its records, its row errors and
 * the run's counters) commits in one transaction, so a crash leaves whole batches only, and the upserts make
 * a re-run converge to exactly the file's content.
 */
export async function runImport(opts: ImportOptions): Promise<ImportSummary> {
  const { pool, source, file } = opts;
  const mapping = opts.mapping ?? {};
  const batchSize = opts.batchSize ?? 5000;
  const portfolioInfo = opts.portfolio ?? source.defaultPortfolio;
  if (!portfolioInfo && !source.global)
    throw new ImportFileError(file, `the ${source.name} importer needs a portfolio (--portfolio, --as-of)`);
  const portfolio =
    portfolioInfo && !source.global
      ? await ensurePortfolio(pool, portfolioInfo, opts.kind, source.defaultKind ?? "OPERATIONAL")
      : null;
  const portfolioId = portfolio?.id ?? null;
  const fileSha256 = await sha256File(file).catch(() => {
    throw new ImportFileError(file, `cannot read ${file}: check the path`);
  });

  // A run that was killed stays RUNNING; the next run of the same file closes it.
  await pool.query(
    `UPDATE "ImportRun" SET status = 'FAILED', "finishedAt" = now(), error = 'interrupted before it finished'
     WHERE status = 'RUNNING' AND kind = $1 AND "fileSha256" = $2`,
    [source.name, fileSha256],
  );
  const run = await pool.query<{ id: string }>(
    `INSERT INTO "ImportRun" ("portfolioId", "startedById", kind, "fileName", "fileSha256") VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [portfolioId, opts.startedById ?? null, source.name, path.basename(file), fileSha256],
  );
  const runId = run.rows[0]?.id as string;
  const summary: ImportSummary = {
    runId,
    status: "SUCCEEDED",
    portfolioId,
    portfolioKind: portfolio?.kind ?? null,
    kindChangedFrom: portfolio?.kindChangedFrom ?? null,
    rowsTotal: 0,
    rowsImported: 0,
    rowsRejected: 0,
    rowsWarned: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    reportPath: null,
  };
  const allIssues: Issue[] = [];

  try {
    const problems = mappingProblems(source, mapping);
    if (problems.length > 0)
      throw new ImportFileError(file, `the mapping does not fit: ${problems.join("; ")}`);
    const table = await openTable(file, { delimiter: mapping.delimiter, sheet: mapping.sheet });
    const parseRow = createRecordParser(file, table.headers, source.fields, mapping, table.delimiter);
    // Issues name the file's own header; a staged column that is no field of the source keeps its name.
    const headerOf = (column: string | null) => {
      if (column === null) return null;
      const field = source.fieldOfColumn?.[column] ?? column;
      const spec = source.fields.find((f) => f.field === field);
      return spec ? (mapping.columns?.[field] ?? spec.header) : column;
    };
    const occurrences = new Map<string, number>();
    const occurrence = (key: string) => {
      const seen = occurrences.get(key) ?? 0;
      occurrences.set(key, seen + 1);
      return seen;
    };
    const progress = createImportProgress(
      `${source.name} ${path.basename(file)}`,
      table.totalBytes,
      opts.progress ?? false,
    );
    const seenKeys = new Map<string, number>();
    let batch: StagedBatch = {};
    let batchLines: number[] = [];
    let batchImportable: number[] = [];
    let batchIssues: Issue[] = [];
    let batchWarnedLines = new Set<number>();
    let rowNumber = 0;

    const flush = async () => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const {
          inserted,
          updated,
          unchanged,
          rejected: refused,
        } = await mergeBatch(client, portfolioId, batch);
        const rejected = new Map<number, Issue>(
          [...refused].map(([line, r]) => [
            line,
            { line, column: headerOf(r.column), severity: "ERROR", message: r.message },
          ]),
        );
        const issues = [...batchIssues, ...rejected.values()];
        if (issues.length > 0) {
          await copyRows(
            client,
            "ImportRowError",
            ["importRunId", "line", "column", "severity", "message"],
            issues.map((i) => [runId, i.line, i.column, i.severity, i.message]),
          );
        }
        const imported = batchImportable.filter((l) => !rejected.has(l)).length;
        const rejectedCount = batchLines.length - imported;
        await client.query(
          `UPDATE "ImportRun" SET "rowsTotal" = "rowsTotal" + $2, "rowsImported" = "rowsImported" + $3,
             "rowsRejected" = "rowsRejected" + $4, "rowsWarned" = "rowsWarned" + $5, "rowsInserted" = "rowsInserted" + $6,
             "rowsUpdated" = "rowsUpdated" + $7, "rowsUnchanged" = "rowsUnchanged" + $8 WHERE id = $1`,
          [
            runId,
            batchLines.length,
            imported,
            rejectedCount,
            batchWarnedLines.size,
            inserted,
            updated,
            unchanged,
          ],
        );
        await client.query("COMMIT");
        summary.rowsTotal += batchLines.length;
        summary.rowsImported += imported;
        summary.rowsRejected += rejectedCount;
        summary.rowsWarned += batchWarnedLines.size;
        summary.inserted += inserted;
        summary.updated += updated;
        summary.unchanged += unchanged;
        allIssues.push(...issues);
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
      batch = {};
      batchLines = [];
      batchImportable = [];
      batchIssues = [];
      batchWarnedLines = new Set();
      await opts.afterBatch?.(summary.rowsTotal);
    };

    for await (const { line, values } of table.rows) {
      rowNumber++;
      batchLines.push(line);
      const parsed = parseRow(values);
      for (const w of parsed.warnings)
        batchIssues.push({ line, column: w.column, severity: "WARNING", message: w.message });
      if (parsed.warnings.length > 0) batchWarnedLines.add(line);
      if (!parsed.record) {
        for (const e of parsed.errors)
          batchIssues.push({ line, column: e.column, severity: "ERROR", message: e.message });
        continue;
      }
      const checked = source.check?.(parsed.record) ?? [];
      for (const issue of checked) {
        const severity = issue.severity ?? "ERROR";
        batchIssues.push({ line, column: headerOf(issue.field), severity, message: issue.message });
        if (severity === "WARNING") batchWarnedLines.add(line);
      }
      if (checked.some((i) => (i.severity ?? "ERROR") === "ERROR")) continue;
      const ctx = { line, rowNumber, attributes: parsed.attributes, occurrence };
      const key = source.key?.(parsed.record, ctx);
      if (key !== undefined) {
        const first = seenKeys.get(key);
        if (first !== undefined) {
          batchIssues.push({
            line,
            column: null,
            severity: "ERROR",
            message: `duplicate key "${key}": the same record is on line ${first}`,
          });
          continue;
        }
        seenKeys.set(key, line);
      }
      batchImportable.push(line);
      const entities = source.toEntities(parsed.record, ctx);
      for (const [entity, rows] of Object.entries(entities) as [EntityName, object[]][]) {
        let list = batch[entity];
        if (!list) {
          list = [];
          batch[entity] = list;
        }
        for (const row of rows) list.push({ line, row } as StagedRow<EntityName>);
      }
      if (batchLines.length >= batchSize) {
        await flush();
        progress.update(table.bytesRead(), summary.rowsTotal);
      }
    }
    if (batchLines.length > 0) await flush();
    progress.stop();
    summary.status = summary.rowsRejected > 0 ? "PARTIAL" : "SUCCEEDED";
  } catch (err) {
    summary.status = "FAILED";
    summary.error = err instanceof ImportFileError ? err.message : `import failed: ${(err as Error).message}`;
  }

  if (opts.reportDir && (allIssues.length > 0 || summary.error)) {
    await mkdir(opts.reportDir, { recursive: true });
    summary.reportPath = path.join(opts.reportDir, `${source.name}-${runId}.csv`);
    const lines = ["line,column,severity,message"];
    if (summary.error) lines.push(`,,ERROR,${csvCell(summary.error)}`);
    for (const i of allIssues.sort((a, b) => a.line - b.line)) {
      lines.push([i.line, i.column, i.severity, i.message].map(csvCell).join(","));
    }
    await writeFile(summary.reportPath, `${lines.join("\n")}\n`);
  }
  await pool.query(
    `UPDATE "ImportRun" SET status = $2::"ImportStatus", "finishedAt" = now(), error = $3, "reportPath" = $4 WHERE id = $1`,
    [runId, summary.status, summary.error ?? null, summary.reportPath],
  );
  return summary;
}
