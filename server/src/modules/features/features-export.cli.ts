// `npm run features:export -- [--portfolio NAME ...] [--out DIR]`: the training table for ml/.
import path from "node:path";
import { Command } from "commander";
import { config } from "../../core/config/config.js";
import { repoRoot } from "../../core/config/repo-paths.js";
import { resolveDatabase } from "../../core/db/database.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { exportFeatures } from "./feature-export.js";
import { LoanHistoryRepository } from "./loan-history.repository.js";

const program = new Command("features:export")
  .description("Write the feature table (one row per loan and as-of date, with its label) for model training")
  .option("--portfolio <name...>", "portfolios to export (default: all)")
  .option("--out <dir>", "output folder", path.join(repoRoot, ".data", "features"))
  .action(async (opts: { portfolio?: string[]; out: string }) => {
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
      const started = Date.now();
      let lastPrint = 0;
      const summary = await exportFeatures(repo, chosen, opts.out, config().promiseRule, (rows) => {
        if (Date.now() - lastPrint > 2000) {
          lastPrint = Date.now();
          process.stderr.write(
            `features:export: ${rows} loans, ${Math.round(rows / ((Date.now() - started) / 1000))} loans/s\n`,
          );
        }
      });
      for (const p of summary.portfolios) console.log(`  ${p.name} (as of ${p.asOfDate}): ${p.rows} loans`);
      console.log(
        `Wrote ${summary.rows} rows (${summary.labelled} labelled) to ${path.relative(process.cwd(), summary.file)}`,
      );
      console.log(`Schema: ${path.relative(process.cwd(), summary.schemaFile)}`);
    } finally {
      await pool.end();
      await db.release();
    }
  });

program.parseAsync().catch((err: Error) => {
  console.error(`features:export: ${err.message}`);
  process.exit(1);
});
