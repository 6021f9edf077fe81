// Worker thread entry of RescoreThreads: computes the chunks of loans it is sent.
import { parentPort, workerData } from "node:worker_threads";
import type { StoredLoanHistory } from "../features/loan-history.repository.js";
import { modelInputs } from "./explain/model-inputs.js";
import { computeChunk, type ThreadSetup } from "./rescore-threads.js";

const setup = workerData as ThreadSetup;
const inputs = modelInputs(setup.card);

parentPort?.on("message", (msg: { id: number; loans: StoredLoanHistory[]; asOfDate: string }) => {
  try {
    const result = computeChunk(inputs, msg.loans, msg.asOfDate, setup.promiseRule);
    parentPort?.postMessage({ id: msg.id, result });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
