// `npm run seed -- --loans N [--seed S] [--as-of YYYY-MM-DD] ...`: generate a synthetic portfolio (see --help).
import { Command, InvalidArgumentError } from "commander";
import { resolveDatabase } from "../../../server/src/core/db/database.js";
import { migrateDeploy } from "../../../server/src/core/db/migrate.js";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { DEFAULT_AS_OF, DEFAULT_SEED } from "./assumptions.js";
import { parseDay } from "./calendar.js";
import { defaultPortfolioName, planPortfolio } from "./portfolio.js";
import { createLoanProgress } from "./progress.js";
import { writeSyntheticPortfolio } from "./writer.js";

function positiveInt(what: string, min = 1) {
  return (v: string) => {
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${what} must be an integer >= ${min}`);
    return n;
  };
}

function day(v: string): string {
  try {
    parseDay(v);
    return v;
  } catch {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD");
  }
}

const program = new Command("seed")
  .description(
    "Generate a reproducible synthetic loan portfolio (borrowers, loans, schedules, payments, contacts, " +
      "promises, agents and tasks, with a ground-truth 90-day default outcome) into the database",
  )
  .requiredOption(
    "--loans <N>",
    "number of loans (a few thousand for a demo, up to 1,000,000)",
    positiveInt("--loans"),
  )
  .option(
    "--seed <S>",
    "random seed: the same seed and size give the same data",
    positiveInt("--seed", 0),
    DEFAULT_SEED,
  )
  .option("--as-of <YYYY-MM-DD>", "the portfolio's as-of date", day, DEFAULT_AS_OF)
  .option("--portfolio <name>", 'portfolio name (default: "Synthetic portfolio (seed S, N loans)")')
  .option("--batch-size <B>", "loans per committed batch", positiveInt("--batch-size"), 1000)
  .option("--no-progress", "no progress bar")
  .addHelpText(
    "after",
    "\nRe-running with the same options changes nothing; a run that was interrupted can simply be run again.\n" +
      "The database is the embedded PostgreSQL unless DATABASE_URL is set. Assumptions: seeds/README.md.",
  )
  .action(async (opts) => {
    const plan = planPortfolio({ loans: opts.loans, seed: opts.seed, asOf: opts.asOf });
    const name = opts.portfolio ?? defaultPortfolioName(plan);
    const db = await resolveDatabase();
    const pool = createPgPool(db.url);
    let progress = createLoanProgress("synthetic", plan.loans, false);
    try {
      await migrateDeploy(db.url);
      progress = createLoanProgress("synthetic", plan.loans, opts.progress);
      const s = await writeSyntheticPortfolio({
        pool,
        plan,
        portfolioName: name,
        batchSize: opts.batchSize,
        onBatch: (loans) => progress.update(loans),
      });
      progress.stop();
      console.log(
        `"${s.portfolioName}": ${s.loans} loans, ${s.borrowers} borrowers, ${s.rows} records ` +
          `(${s.inserted} new, ${s.updated} changed, ${s.unchanged} unchanged; ${s.extraChanges} days past due, ` +
          `promise links and tasks set), ${s.tasks} open tasks, in ${s.seconds.toFixed(1)} s ` +
          `(${Math.round(s.loans / s.seconds)} loans/s, ${Math.round(s.rows / s.seconds)} records/s)`,
      );
    } finally {
      progress.stop();
      await pool.end();
      await db.release();
    }
  });

program.parseAsync().catch((err: Error) => {
  console.error(`seed: ${err.message}`);
  process.exit(1);
});
