import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { overdueForScoring } from "../features/collection-outcomes.js";
import { computeFeatures } from "../features/compute-features.js";
import { type DelinquencyRows, delinquencyRows } from "../features/delinquency-refresh.js";
import type { FeatureVector } from "../features/feature-catalogue.js";
import type { StoredLoanHistory } from "../features/loan-history.repository.js";
import {
  type ArrangementCondition,
  arrangementCondition,
  latestPromiseState,
  type PromiseRule,
  type PromiseState,
} from "../features/promise-status.js";
import { type ModelInputs, modelInputs, modelRow, reasonsFor } from "./explain/model-inputs.js";
import type { Reason } from "./explain/reason-codes.js";
import type { ModelCard } from "./model-card.js";
import { isInDefault } from "./risk-tier.js";

/** What rescoring computes for a chunk of loans before it scores and writes it (arrays in the chunk's order). */
export interface ComputedChunk {
  vectors: FeatureVector[];
  /** Empty for a loan in default: the PD model does not explain it. */
  reasons: Reason[][];
  /** Amount overdue of each past-due loan, for its propensity to pay (0 when not past due). */
  overdue: number[];
  promise: (PromiseState | "NONE")[];
  arrangement: ArrangementCondition[];
  delinquency: DelinquencyRows;
}

/**
 * Features, exact reasons, promise states and delinquency of loans: the CPU-heavy part of rescoring, with no
 * I/O, so that it can run in a worker thread.
 */
export function computeChunk(
  m: ModelInputs,
  loans: StoredLoanHistory[],
  asOfDate: string,
  rule: PromiseRule,
): ComputedChunk {
  const vectors = loans.map((l) => computeFeatures(l.history, rule));
  const delinquency = delinquencyRows(loans, asOfDate, rule);
  const dpd = (i: number) => delinquency.dpd[i] as number;
  return {
    vectors,
    reasons: vectors.map((v, i) => (isInDefault(dpd(i)) ? [] : reasonsFor(m, modelRow(m, v)))),
    overdue: loans.map((l, i) => (dpd(i) > 0 ? overdueForScoring(l.history, asOfDate) : 0)),
    promise: loans.map((l) => latestPromiseState(l.history, rule)),
    arrangement: loans.map((l) => arrangementCondition(l.history, rule)),
    delinquency,
  };
}

function concat(parts: ComputedChunk[]): ComputedChunk {
  const all = <T>(pick: (c: ComputedChunk) => T[]) => parts.flatMap(pick);
  return {
    vectors: all((c) => c.vectors),
    reasons: all((c) => c.reasons),
    overdue: all((c) => c.overdue),
    promise: all((c) => c.promise),
    arrangement: all((c) => c.arrangement),
    delinquency: {
      dpd: all((c) => c.delinquency.dpd),
      current: all((c) => c.delinquency.current),
      historyLoans: all((c) => c.delinquency.historyLoans),
      intervals: all((c) => c.delinquency.intervals),
      promises: all((c) => c.delinquency.promises),
    },
  };
}

export interface ThreadSetup {
  card: ModelCard;
  promiseRule: PromiseRule;
}

interface Pending {
  resolve: (e: ComputedChunk) => void;
  reject: (err: Error) => void;
}

/**
 * A thread's space for new objects. A chunk's histories and features are thousands of short-lived objects:
 * with V8's default (a few MB) most of them outlive several young collections and are copied each time.
 */
const YOUNG_GENERATION_MB = 96;

/**
 * Built code runs the compiled worker. From sources (tsx, vitest) the worker loads its TypeScript through
 * tsx's API: Node 20 does not apply `--import` loaders given in a worker's execArgv to its entry file.
 */
function startWorker(setup: ThreadSetup): Worker {
  const options = { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  if (!fileURLToPath(import.meta.url).endsWith(".ts"))
    return new Worker(new URL("./rescore-thread.js", import.meta.url), options);
  // tsx's ESM API entry, as its package exports name it (require.resolve would give the CommonJS one).
  const pkgPath = createRequire(import.meta.url).resolve("tsx/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as {
    exports: { "./esm/api": { import: { default: string } } };
  };
  const api = pathToFileURL(path.join(path.dirname(pkgPath), pkg.exports["./esm/api"].import.default)).href;
  const entry = new URL("./rescore-thread.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(boot, { eval: true, ...options });
}

/** One worker thread running `computeChunk` for the card it was started with. */
class ExplainThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(setup: ThreadSetup) {
    this.worker = startWorker(setup);
    // An idle thread does not keep the process alive; one with work pending does.
    this.worker.unref();
    this.worker.on("message", (msg: { id: number; result?: ComputedChunk; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.worker.unref();
      if (msg.result) p.resolve(msg.result);
      else p.reject(new Error(`Rescoring thread failed: ${msg.error}`));
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on("error", (err) => fail(new Error(`Rescoring thread crashed: ${err.message}`)));
    this.worker.on("exit", (code) => fail(new Error(`Rescoring thread exited (code ${code})`)));
  }

  run(loans: StoredLoanHistory[], asOfDate: string): Promise<ComputedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, loans, asOfDate });
    });
  }

  /** False once the thread crashed or exited: it takes no more work. */
  get alive(): boolean {
    return this.failure === undefined;
  }

  async close() {
    this.failure ??= new Error("Rescoring threads are closed");
    await this.worker.terminate();
  }
}

let shared: { key: ThreadSetup & { threads: number }; value: RescoreThreads } | undefined;

/**
 * Where rescoring computes features, reasons and delinquency: in worker threads, so that the main thread keeps reading,
 * scoring and writing meanwhile (one core cannot do all of it fast enough for a big portfolio), or in the
 * calling thread when `threads` is 0, in slices with a turn of the event loop between them so that
 * pending database statements are not stalled.
 */
export class RescoreThreads {
  private constructor(
    private readonly threads: ExplainThread[],
    private readonly local: { inputs: ModelInputs; rule: PromiseRule },
  ) {}

  static start(setup: ThreadSetup, threads: number): RescoreThreads {
    const inputs = modelInputs(setup.card); // a card the feature layer cannot serve fails here, before any thread
    const list = Array.from({ length: threads }, () => new ExplainThread(setup));
    return new RescoreThreads(list, { inputs, rule: setup.promiseRule });
  }

  /**
   * The threads of the last call with the same card, rule and count if all are alive, or new ones (the old
   * ones stop).
   * Reuse saves a scheduled rescoring the threads' start-up and keeps their reason memo warm.
   */
  static shared(setup: ThreadSetup, threads: number): RescoreThreads {
    const k = shared?.key;
    const reusable =
      k &&
      k.card === setup.card &&
      k.threads === threads &&
      sameRule(k.promiseRule, setup.promiseRule) &&
      shared?.value.threads.every((t) => t.alive);
    // A crashed thread is replaced with the others, so one crash does not fail every later run.
    if (reusable) return (shared as NonNullable<typeof shared>).value;
    void shared?.value.close();
    const value = RescoreThreads.start(setup, threads);
    shared = { key: { ...setup, threads }, value };
    return value;
  }

  get version(): string {
    return this.local.inputs.version;
  }

  async compute(loans: StoredLoanHistory[], asOfDate: string, localSlice = 100): Promise<ComputedChunk> {
    const { inputs, rule } = this.local;
    if (this.threads.length === 0) {
      const parts: ComputedChunk[] = [];
      for (let s = 0; s < loans.length; s += localSlice) {
        parts.push(computeChunk(inputs, loans.slice(s, s + localSlice), asOfDate, rule));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return concat(parts);
    }
    // Equal shares, one per thread, in order.
    const size = Math.ceil(loans.length / this.threads.length);
    return concat(
      await Promise.all(this.threads.map((t, i) => t.run(loans.slice(i * size, (i + 1) * size), asOfDate))),
    );
  }

  async close() {
    if (shared?.value === this) shared = undefined;
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

const sameRule = (a: PromiseRule, b: PromiseRule) =>
  a.keptTolerance === b.keptTolerance && a.graceDays === b.graceDays;
