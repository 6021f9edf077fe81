// `npm run features:export -- [--portfolio NAME ...] [--out DIR] [--collections]`: the training tables for ml/.
import path from "node:path";
import { Command } from "commander";
import { config } from "../../core/config/config.js";
import { repoRoot } from "../../core/config/repo-paths.js";
import { resolveDatabase } from "../../core/db/database.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { exportCollectionTables } from "./collection-export.js";
import { exportFeatures } from "./feature-export.js";
import { GroundTruthRepository } from "./ground-truth.repository.js";
import { LoanHistoryRepository } from "./loan-history.repository.js";

/** Periodic counts on stderr while a table is written. */
function progress(what: string): (loans: number) => void {
  const started = Date.now();
  let lastPrint = 0;
  return (loans) => {
    if (Date.now() - lastPrint < 2000) return;
    lastPrint = Date.now();
    const rate = Math.round(loans / ((Date.now() - started) / 1000));
    process.stderr.write(`features:export: ${what}: ${loans} loans, ${rate} loans/s\n`);
  };
}

const program = new Command("features:export")
  .description("Write the feature table (one row per loan and as-of date, with its label) for model training")
  .option("--portfolio <name...>", "portfolios to export (default: all)")
  .option("--out <dir>", "output folder", path.join(repoRoot, ".data", "features"))
  .option(
    "--collections",
    "also write the collection scores' tables (propensity to pay, promise kept) from monthly snapshots",
  )
  .action(async (opts: { portfolio?: string[]; out: string; collections?: boolean }) => {
    const db = await resolveDatabase();
    const pool = createPgPool(db.url);
    try {
      const repo = new LoanHistoryRepository(pool);
      const all = await repo.portfolios();
      const chosen = opts.portfolio ? all.filter((p) => opts.portfolio?.includes(p.name)) : all;
      const unknown = (opts.portfolio ?? []).filter((n) => !all.some((p) => p.name === n));
      if (unknown.length > 0) {
        throw new Error(
          `unknown portfolio(s) ${unknown.map((u) => `"${u}"`).join(", ")}; there are: ${all.map((p) => `"${p.name}"`).join(", ")}`,
        );
      }
      const summary = await exportFeatures(
        repo,
        chosen,
        opts.out,
        config().promiseRule,
        progress("feature table"),
      );
      for (const p of summary.portfolios) console.log(`  ${p.name} (as of ${p.asOfDate}): ${p.rows} loans`);
      console.log(
        `Wrote ${summary.rows} rows (${summary.labelled} labelled) to ${path.relative(process.cwd(), summary.file)}`,
      );
      console.log(`Schema: ${path.relative(process.cwd(), summary.schemaFile)}`);
      if (opts.collections) {
        const tables = await exportCollectionTables(
          repo,
          new GroundTruthRepository(pool),
          chosen,
          opts.out,
          config().promiseRule,
          progress("collection tables"),
        );
        for (const t of [tables.propensity, tables.promiseKept]) {
          console.log(
            `Wrote ${t.rows} rows (${t.withTruth} with the generator's true probability) to ${path.relative(process.cwd(), t.file)}`,
          );
        }
      }
    } finally {
      await pool.end();
      await db.release();
    }
  });

program.parseAsync().catch((err: Error) => {
  console.error(`features:export: ${err.message}`);
  process.exit(1);
});
