// `npm run delinquency:refresh -- [--portfolio NAME ...]`: days past due, buckets and bucket history as of
// each portfolio's date.
import { Command } from "commander";
import { config } from "../../core/config/config.js";
import { resolveDatabase } from "../../core/db/database.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { refreshDelinquency } from "./delinquency-refresh.js";
import { LoanHistoryRepository } from "./loan-history.repository.js";

new Command("delinquency:refresh")
  .description("Recompute days past due, buckets and bucket history as of each portfolio's as-of date")
  .option("--portfolio <name...>", "portfolios to refresh (default: all)")
  .action(async (opts: { portfolio?: string[] }) => {
    const db = await resolveDatabase();
    const pool = createPgPool(db.url);
    try {
      const repo = new LoanHistoryRepository(pool);
      const all = await repo.portfolios();
      for (const p of all.filter((x) => !opts.portfolio || opts.portfolio.includes(x.name))) {
        const started = Date.now();
        const s = await refreshDelinquency(
          pool,
          repo,
          p,
          (n) => process.stderr.write(`\r${p.name}: ${n} loans`),
          config().promiseRule,
        );
        process.stderr.write("\n");
        console.log(
          `${p.name}: ${s.loans} loans, ${s.changedBuckets} changed, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    } finally {
      await pool.end();
      await db.release();
    }
  })
  .parseAsync()
  .catch((err: Error) => {
    console.error(`delinquency:refresh: ${err.message}`);
    process.exit(1);
  });
