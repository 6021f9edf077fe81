// `npm run bench:features -- [--loans N] [--json]`: batch feature computation rate over a synthetic portfolio
// of N loans streamed from PostgreSQL (generated first if it is not there), with peak memory.
import { Command } from "commander";
import { config } from "../../../server/src/core/config/config.js";
import { resolveDatabase } from "../../../server/src/core/db/database.js";
import { migrateDeploy } from "../../../server/src/core/db/migrate.js";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { computeFeatures } from "../../../server/src/modules/features/compute-features.js";
import { LoanHistoryRepository } from "../../../server/src/modules/features/loan-history.repository.js";
import { defaultPortfolioName, planPortfolio } from "../synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../synthetic/writer.js";

new Command("bench:features")
  .option("--loans <n>", "synthetic portfolio size", "100000")
  .option("--seed <n>", "generator seed", "1")
  .option("--json", "print one JSON object")
  .action(async (opts: { loans: string; seed: string; json?: boolean }) => {
    const db = await resolveDatabase();
    await migrateDeploy(db.url);
    const pool = createPgPool(db.url);
    try {
      const plan = planPortfolio({ loans: Number(opts.loans), seed: Number(opts.seed) });
      const name = defaultPortfolioName(plan);
      const repo = new LoanHistoryRepository(pool);
      let portfolio = await repo.portfolio(name);
      let generatedSeconds: number | null = null;
      if (!portfolio) {
        const t = Date.now();
        await writeSyntheticPortfolio({
          pool,
          plan,
          portfolioName: name,
          onBatch: (n) => !opts.json && n % 50000 < 1000 && process.stderr.write(`generated ${n} loans\n`),
        });
        generatedSeconds = (Date.now() - t) / 1000;
        portfolio = await repo.portfolio(name);
      }
      if (!portfolio) throw new Error(`portfolio ${name} missing after generation`);
      let peakRss = process.memoryUsage().rss;
      let loans = 0;
      let computeMs = 0;
      const started = performance.now();
      for await (const chunk of repo.stream(portfolio, 2000)) {
        const t = performance.now();
        for (const l of chunk) computeFeatures(l.history, config().promiseRule);
        computeMs += performance.now() - t;
        loans += chunk.length;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        if (!opts.json && loans % 100000 < 2000) process.stderr.write(`${loans} loans\n`);
      }
      const seconds = (performance.now() - started) / 1000;
      const result = {
        portfolio: name,
        loans,
        seconds: Number(seconds.toFixed(1)),
        loansPerSecond: Math.round(loans / seconds),
        computeOnlyLoansPerSecond: Math.round(loans / (computeMs / 1000)),
        peakRssMiB: Math.round(peakRss / 1048576),
        generatedSeconds,
      };
      if (opts.json) console.log(JSON.stringify(result));
      else
        console.log(
          `${result.loans} loans in ${result.seconds} s: ${result.loansPerSecond} loans/s streamed from PostgreSQL ` +
            `(${result.computeOnlyLoansPerSecond} loans/s computing alone), peak RSS ${result.peakRssMiB} MiB`,
        );
    } finally {
      await pool.end();
      await db.release();
    }
  })
  .parseAsync()
  .catch((err: Error) => {
    console.error(`bench:features: ${err.message}`);
    process.exit(1);
  });
