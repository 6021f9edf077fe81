// `npm run rescore -- [--portfolio NAME ...]`: score every loan, refresh buckets, recommend and assign work.
import { Command } from "commander";
import { config } from "../../core/config/config.js";
import { resolveDatabase } from "../../core/db/database.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { createPrismaClient } from "../../core/db/prisma-client.js";
import { logger } from "../../core/logging/logger.js";
import { createAppPubSub } from "../../core/pubsub/pubsub.js";
import { PolicyRepository } from "../recommendations/policy.repository.js";
import { PolicyService } from "../recommendations/policy.service.js";
import { ModelRegistry } from "./model-registry.js";
import { rescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";
import { ScoringService } from "./scoring.service.js";

new Command("rescore")
  .description(
    "Rescore portfolios as of their dates: scores with reasons, buckets, recommendations and tasks",
  )
  .option("--portfolio <name...>", "portfolios to rescore (default: all)")
  .action(async (opts: { portfolio?: string[] }) => {
    const db = await resolveDatabase();
    const pool = createPgPool(db.url);
    const prisma = createPrismaClient(db.url);
    // Publish only: the running servers' subscribers hear of the run (one event per audience) through the database.
    const pubsub = createAppPubSub({ pool, connection: pool.options, log: logger });
    try {
      const models = new ModelRegistry(config().modelDir);
      const status = await models.load();
      const deps = await rescoreDeps({
        pool,
        models,
        scoring: new ScoringService(models),
        policies: new PolicyService(new PolicyRepository(prisma)),
        pubsub,
      });
      if (!deps) throw new Error("error" in status ? status.error : "no model loaded");
      for (const p of (await deps.histories.portfolios()).filter(
        (x) => !opts.portfolio || opts.portfolio.includes(x.name),
      )) {
        const started = Date.now();
        let last = 0;
        const s = await rescorePortfolio(deps, p, new Date(), (progress) => {
          if (Date.now() - last > 2000) {
            last = Date.now();
            const rate = Math.round(progress.loans / ((Date.now() - started) / 1000));
            process.stderr.write(`${p.name}: ${progress.loans} loans, ${rate} loans/s\n`);
          }
        });
        console.log(
          `${p.name}: ${s.loans} loans in ${((Date.now() - started) / 1000).toFixed(1)} s; ${s.scoresWritten} scores written, ` +
            `${s.bucketChanges} bucket changes, ${s.recommendationsCreated} new recommendations (${s.recommendationsUnchanged} unchanged), ` +
            `tasks ${s.tasksCreated} created, ${s.tasksUpdated} updated, ${s.tasksLeftAlone} in progress left alone, ${s.tasksCancelled} cancelled, ${s.unassigned} unassigned`,
        );
      }
    } finally {
      await pubsub.close();
      await prisma.$disconnect();
      await pool.end();
      await db.release();
    }
  })
  .parseAsync()
  .catch((err: Error) => {
    console.error(`rescore: ${err.message}`);
    process.exit(1);
  });
