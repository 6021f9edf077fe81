// `npm run rescore:worker`: works on queued rescoring chunks until stopped (SIGINT/SIGTERM). Run as many as
// you like, on any machine that reaches the database and has the same model folder.
import { logger } from "../../core/logging/logger.js";
import { onShutdownSignal } from "../../core/process/shutdown-signals.js";
import { openRescoreProcess } from "./rescore-process.js";
import { startRescoreWorker, workerName } from "./rescore-queue.js";
import { workScheduleTicks } from "./rescore-schedule.js";

async function main() {
  const proc = await openRescoreProcess();
  const parts = {
    ...proc.workerParts,
    onChunk: (job: { runId: string; index: number }) => logger.info(job, "rescoring chunk done"),
  };
  await startRescoreWorker(proc.jobs, parts);
  await workScheduleTicks({ ...parts, jobs: proc.jobs });
  logger.info({ worker: workerName(), chunkLoans: proc.settings.chunkLoans }, "rescoring worker started");
  onShutdownSignal((signal) => {
    logger.info({ signal }, "rescoring worker stopping after its current chunk");
    void proc.close().then(() => process.exit(0));
  });
}

main().catch((err: Error) => {
  console.error(`rescore:worker: ${err.message}`);
  process.exit(1);
});
