// `npm run import -- <source> <file...>`: load files into the database (see --help).
import { readFileSync } from "node:fs";
import path from "node:path";
import { Command, Option } from "commander";
import { config } from "../../server/src/core/config/config.js";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";
import { resolveDatabase } from "../../server/src/core/db/database.js";
import { migrateDeploy } from "../../server/src/core/db/migrate.js";
import { createPgPool } from "../../server/src/core/db/pg-pool.js";
import { parseColumnMapping } from "../../server/src/modules/imports/column-mapping.js";
import type { ColumnMapping } from "../../server/src/modules/imports/import-source.js";
import { DEFAULT_MISSING_MARKERS } from "../../server/src/modules/imports/missing-markers.js";
import { runImport } from "../../server/src/modules/imports/run-import.js";
import { KIND_CHOICES } from "../../server/src/modules/portfolio/portfolio-kind.js";
import { describeFields } from "./import-help.js";
import { IMPORT_SOURCES } from "./import-sources.js";
import { importTarget } from "./import-target.js";

function readMapping(file: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`cannot read the mapping ${file}: ${(err as Error).message}`);
  }
  return parseColumnMapping(json, file);
}

const program = new Command("import")
  .description("Import loan books, payments, contact logs and the real data sets into CreditPathAI")
  .argument("<source>", `what the files hold: ${Object.keys(IMPORT_SOURCES).join(", ")}`)
  .argument("<files...>", "CSV or .xlsx files")
  .option("--portfolio <name>", "portfolio the records belong to (default: the source's own)")
  .option("--as-of <YYYY-MM-DD>", "the portfolio's as-of date")
  .addOption(
    new Option(
      "--kind <kind>",
      "operational: cases agents work; reference: data kept for training, in no list or worklist " +
        "(default for a new portfolio: reference for the public data sets, else operational; an existing " +
        "portfolio keeps its kind unless this is given)",
    ).choices(KIND_CHOICES),
  )
  .option("--mapping <file.json>", "column mapping: your headers and codes to ours (see README)")
  .option("--delimiter <char>", "CSV delimiter (default: detected from the header line)")
  .option("--sheet <name>", "worksheet to read from an .xlsx file (default: the first)")
  .addOption(new Option("--batch-size <rows>", "rows per committed batch").default("5000"))
  .option(
    "--report-dir <dir>",
    "where row-level reports are written",
    path.join(repoRoot, ".data", "import-reports"),
  )
  .option("--no-progress", "no progress bar")
  .addHelpText(
    "after",
    () =>
      `\nSources and their fields (a mapping file points a field at your header, see README "Importing data"):\n\n${Object.values(
        IMPORT_SOURCES,
      )
        .map(describeFields)
        .join(
          "\n\n",
        )}\n\nEvery column is read as its field's type. Missing values: an empty cell and, ignoring case, ` +
      `${DEFAULT_MISSING_MARKERS.join(", ")} (a mapping's "nulls" replaces these); a missing required value ` +
      `rejects the row.\n\nData sets are read from CREDITPATH_DATA_DIR (now ${config().dataDir}).`,
  )
  .action(async (sourceName: string, files: string[], opts) => {
    const source = IMPORT_SOURCES[sourceName];
    if (!source)
      throw new Error(`unknown source "${sourceName}": use one of ${Object.keys(IMPORT_SOURCES).join(", ")}`);
    const mapping: ColumnMapping = opts.mapping ? readMapping(opts.mapping) : {};
    if (opts.delimiter) mapping.delimiter = opts.delimiter;
    if (opts.sheet) mapping.sheet = opts.sheet;
    const { portfolio, kind } = importTarget(sourceName, source, opts);
    const db = await resolveDatabase();
    await migrateDeploy(db.url);
    const pool = createPgPool(db.url);
    let failed = false;
    try {
      for (const file of files) {
        const s = await runImport({
          pool,
          source,
          file,
          portfolio,
          kind,
          mapping,
          batchSize: Number(opts.batchSize),
          progress: opts.progress,
          reportDir: opts.reportDir,
        });
        console.log(
          `${path.basename(file)}: ${s.status} - ${s.rowsTotal} rows: ${s.rowsImported} imported, ${s.rowsRejected} rejected, ` +
            `${s.rowsWarned} with warnings; records ${s.inserted} new, ${s.updated} changed, ${s.unchanged} unchanged`,
        );
        if (s.kindChangedFrom && s.portfolioKind)
          console.log(
            `  portfolio "${portfolio?.name}" is now ${s.portfolioKind.toLowerCase()} (was ${s.kindChangedFrom.toLowerCase()})`,
          );
        if (s.error) console.log(`  ${s.error}`);
        if (s.reportPath) console.log(`  report: ${path.relative(process.cwd(), s.reportPath)}`);
        failed ||= s.status === "FAILED";
      }
    } finally {
      await pool.end();
      await db.release();
    }
    if (failed) process.exitCode = 1;
  });

program.parseAsync().catch((err: Error) => {
  console.error(`import: ${err.message}`);
  process.exit(1);
});
