// `npm run rescore -- [--portfolio NAME ...] [--no-work]`: queue a rescoring of each portfolio (scores, buckets,
// recommendations and tasks) in chunks, work on them here too (unless --no-work), and show the runs' progress
// whoever works on them (`npm run rescore:worker` processes, servers with RESCORE_WORKER=on).
import { Command } from "commander";
import { openRescoreProcess } from "./rescore-process.js";
import { enqueueRescoring, prepareRescoreQueue, startRescoreWorker } from "./rescore-queue.js";
import { RescoringRunRepository } from "./rescoring-run.repository.js";

const POLL_MS = 2000;

new Command("rescore")
  .description(
    "Rescore portfolios as of their dates: scores with reasons, buckets, recommendations and tasks",
  )
  .option("--portfolio <name...>", "portfolios to rescore (default: all)")
  .option("--no-work", "only queue the runs and show their progress: worker processes do the rescoring")
  .action(async (opts: { portfolio?: string[]; work: boolean }) => {
    const proc = await openRescoreProcess();
    try {
      const deps = await proc.deps();
      if (!deps) throw new Error(proc.modelProblem);
      const portfolios = (await deps.histories.portfolios()).filter(
        (x) => !opts.portfolio || opts.portfolio.includes(x.name),
      );
      const unknown = (opts.portfolio ?? []).filter((n) => !portfolios.some((p) => p.name === n));
      if (unknown.length > 0)
        throw new Error(
          `no portfolio named ${unknown.join(", ")}: --portfolio takes names from the Portfolio table`,
        );
      await prepareRescoreQueue(proc.jobs, proc.settings);
      const names = new Map<string, string>();
      for (const portfolio of portfolios) {
        const id = await enqueueRescoring(proc.pool, proc.jobs, proc.settings, {
          portfolio,
          modelVersion: deps.card.version,
          trigger: "cli",
        });
        if (id) names.set(id, portfolio.name);
      }
      if (opts.work) await startRescoreWorker(proc.jobs, proc.workerParts);
      const failed = await watchRuns(new RescoringRunRepository(proc.pool), names);
      if (failed > 0) process.exitCode = 1;
    } finally {
      await proc.close();
    }
  })
  .parseAsync()
  .catch((err: Error) => {
    console.error(`rescore: ${err.message}`);
    process.exit(1);
  });

/** Prints the runs' progress until every one has finished, then what each changed; returns how many failed. */
async function watchRuns(runs: RescoringRunRepository, names: Map<string, string>): Promise<number> {
  const started = Date.now();
  const reported = new Set<string>();
  let failed = 0;
  while (reported.size < names.size) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    for (const p of await runs.progress([...names.keys()])) {
      if (reported.has(p.id)) continue;
      const name = names.get(p.id);
      const seconds = (Date.now() - started) / 1000;
      if (p.status === "RUNNING") {
        process.stderr.write(
          `${name}: ${p.loansDone}/${p.loansTotal} loans, chunks ${p.chunksDone}/${p.chunksTotal}, ${Math.round(p.loansDone / seconds)} loans/s\n`,
        );
        continue;
      }
      reported.add(p.id);
      if (p.status === "FAILED") {
        failed++;
        console.error(`${name}: rescoring failed after ${p.loansDone} loans: ${p.error}`);
        continue;
      }
      const s = (await runs.totals(p.id))?.summary;
      if (!s) continue;
      console.log(
        `${name}: ${s.loans} loans in ${seconds.toFixed(1)} s; ${s.scoresWritten} scores written, ` +
          `${s.bucketChanges} bucket changes, ${s.recommendationsCreated} new recommendations (${s.recommendationsUnchanged} unchanged), ` +
          `tasks ${s.tasksCreated} created, ${s.tasksUpdated} updated, ${s.tasksLeftAlone} in progress left alone, ${s.tasksCancelled} cancelled, ${s.unassigned} unassigned`,
      );
    }
  }
  return failed;
}
