// `npm run bench:scoring -- [--loans N] [--parts http,batch,rescore] [--json]`: the scoring figures of one run
// on one machine with one model (the served one unless --model-dir):
//  http    POST /predict with a feature vector (with and without reasons) and with a loan history, on the built
//          server with an API key that has no rate limit, next to the reference scorer (FastAPI + Uvicorn
//          loading the same model natively, ml/creditpath_ml/reference_service.py) on the same vectors; both
//          as one process and as --processes processes (default: one per core);
//  batch   --vectors prepared feature vectors scored without reasons by our scoring service, next to
//          onnxruntime alone on the same matrix;
//  rescore end-to-end rescoring of the synthetic portfolio of --loans loans (features, scores, reasons,
//          write-back, recommendations, tasks; the propensity to pay of past-due loans when
//          --collection-models-dir holds its model), generated first when it is not in the database.
// The database is the embedded one unless DATABASE_URL is set; CREDITPATH_PG_DIR/CREDITPATH_PG_PORT keep a
// big benchmark portfolio out of the demo's cluster.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Command, InvalidArgumentError } from "commander";
import * as ort from "onnxruntime-node";
import { startApi, stopChild, waitForHttp } from "../../../scripts/lib/stack.js";
import { config } from "../../../server/src/core/config/config.js";
import { repoRoot } from "../../../server/src/core/config/repo-paths.js";
import { resolveDatabase } from "../../../server/src/core/db/database.js";
import { migrateDeploy } from "../../../server/src/core/db/migrate.js";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { createPrismaClient } from "../../../server/src/core/db/prisma-client.js";
import { freePort } from "../../../server/src/core/net/ports.js";
import { computeFeatures } from "../../../server/src/modules/features/compute-features.js";
import {
  FEATURE_NAMES,
  FEATURE_VERSION,
  type FeatureVector,
} from "../../../server/src/modules/features/feature-catalogue.js";
import {
  LoanHistoryRepository,
  type PortfolioRef,
} from "../../../server/src/modules/features/loan-history.repository.js";
import { historyRequestSchema } from "../../../server/src/modules/scoring/predict.schema.js";
import { RescorePhases } from "../../../server/src/modules/scoring/rescore-phases.js";
import { rescoreDeps, rescorePortfolio } from "../../../server/src/modules/scoring/rescore-portfolio.js";
import { Rng } from "../synthetic/rng.js";
import { clearRescoring, ensureBenchPortfolio } from "./bench-portfolio.js";
import { type BenchServices, benchServices } from "./bench-services.js";
import { positiveInt } from "./cli-options.js";

const PARTS = ["http", "batch", "rescore"] as const;
type Part = (typeof PARTS)[number];

function parts(v: string): Part[] {
  const list = v.split(",").map((s) => s.trim());
  const wrong = list.filter((p) => !PARTS.includes(p as Part));
  if (wrong.length > 0)
    throw new InvalidArgumentError(`unknown part ${wrong.join(", ")}: use ${PARTS.join(",")}`);
  return list as Part[];
}

interface Options {
  loans: number;
  seed: number;
  sample: number;
  vectors: number;
  duration: number;
  connections: number;
  processes: number;
  parts: Part[];
  modelDir: string;
  collectionModelsDir: string;
  json?: boolean;
}

interface HttpFigures {
  target: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

const say = (opts: Options, line: string) => {
  if (!opts.json) process.stderr.write(`${line}\n`);
};

/** Fires the bodies in turn at a URL for `seconds` after a short warm-up; figures of the measured part. */
async function load(
  target: string,
  url: string,
  bodies: string[],
  headers: Record<string, string>,
  opts: Options,
): Promise<HttpFigures> {
  const run = (duration: number) => {
    let i = 0;
    return autocannon({
      url,
      method: "POST",
      connections: opts.connections,
      duration,
      headers: { "content-type": "application/json", ...headers },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
    });
  };
  await run(3);
  const r = await run(opts.duration);
  const figures = {
    target,
    requests: r.requests.total,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
  say(
    opts,
    `  ${target.padEnd(44)} ${String(figures.requestsPerSecond).padStart(6)} req/s  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms` +
      (figures.errors + figures.non2xx > 0 ? `  (${figures.errors} errors, ${figures.non2xx} non-2xx)` : ""),
  );
  return figures;
}

function startReference(modelDir: string, port: number, processes: number): ChildProcess {
  const python = path.join(repoRoot, "ml", ".venv", "bin", "python");
  if (!existsSync(python)) throw new Error("ml/.venv is missing: run `npm run setup` first");
  return spawn(
    python,
    [
      "-m",
      "uvicorn",
      "creditpath_ml.reference_service:app",
      "--port",
      String(port),
      "--log-level",
      "warning",
      "--no-access-log",
      "--workers",
      String(processes),
    ],
    {
      cwd: path.join(repoRoot, "ml"),
      env: { ...process.env, PYTHONPATH: path.join(repoRoot, "ml"), CREDITPATH_MODEL_DIR: modelDir },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}

const processesLabel = (n: number) => (n === 1 ? "1 process" : `${n} processes`);

/** The reference scorer on a free port, stopped by the returned function. */
async function reference(opts: Options, processes: number) {
  const port = await freePort();
  const child = startReference(opts.modelDir, port, processes);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/health`, child, "The reference scorer");
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { url: `http://127.0.0.1:${port}/predict`, stop: () => stopChild(child) };
}

/** Our built server with API_WORKERS = processes; its /predict URL and a stop function. */
async function ours(opts: Options, databaseUrl: string, processes: number) {
  const api = await startApi({
    databaseUrl,
    apiPort: await freePort(),
    modelDir: opts.modelDir,
    output: "ignore",
    // BENCH_SERVER_NODE_OPTIONS reaches only the server, e.g. `--require ./profile-on-sigterm.cjs` to
    // profile it under load (--cpu-prof itself is refused in NODE_OPTIONS).
    env: {
      RESCORE_INTERVAL_MINUTES: "0",
      API_WORKERS: String(processes),
      NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? "",
    },
  });
  return { url: `${api.url}/predict`, stop: api.stop };
}

async function httpPart(opts: Options, databaseUrl: string, services: BenchServices, sample: Sample) {
  const { key, record } = await services.apiKeys.create(`bench:scoring ${new Date().toISOString()}`, 0);
  const vectorBodies = sample.vectors.map((v) =>
    JSON.stringify({ featureVersion: FEATURE_VERSION, features: v }),
  );
  const quietVectorBodies = sample.vectors.map((v) =>
    JSON.stringify({ featureVersion: FEATURE_VERSION, features: v, reasons: false }),
  );
  const historyBodies = sample.histories.map((h) => JSON.stringify(h));
  const auth = { "x-api-key": key };
  const n = opts.processes;
  const results: HttpFigures[] = [];
  // One server (or reference) at a time: an idle one would still hold memory and wake up now and then.
  const measure = async (
    start: () => Promise<{ url: string; stop(): Promise<void> }>,
    runs: [string, string[], Record<string, string>][],
  ) => {
    const target = await start();
    try {
      for (const [name, bodies, headers] of runs)
        results.push(await load(name, target.url, bodies, headers, opts));
    } finally {
      await target.stop();
    }
  };
  try {
    say(opts, `POST /predict, ${opts.connections} connections, ${opts.duration} s each (after 3 s warm-up):`);
    await measure(() => reference(opts, 1), [[`reference, ${processesLabel(1)}`, vectorBodies, {}]]);
    if (n > 1)
      await measure(() => reference(opts, n), [[`reference, ${processesLabel(n)}`, vectorBodies, {}]]);
    if (n > 1)
      await measure(
        () => ours(opts, databaseUrl, 1),
        [[`ours, ${processesLabel(1)}: vector, no reasons`, quietVectorBodies, auth]],
      );
    await measure(
      () => ours(opts, databaseUrl, n),
      [
        [`ours, ${processesLabel(n)}: vector, no reasons`, quietVectorBodies, auth],
        [`ours, ${processesLabel(n)}: vector with reasons`, vectorBodies, auth],
        [`ours, ${processesLabel(n)}: history with reasons`, historyBodies, auth],
      ],
    );
  } finally {
    await services.apiKeys.revoke(record.prefix);
  }
  const rps = (name: string) => results.find((r) => r.target === name)?.requestsPerSecond ?? Number.NaN;
  const ratio = (a: string, b: string) => Number((rps(a) / rps(b)).toFixed(2));
  const ref1 = `reference, ${processesLabel(1)}`;
  const refN = n > 1 ? `reference, ${processesLabel(n)}` : ref1;
  return {
    connections: opts.connections,
    seconds: opts.duration,
    processes: n,
    results,
    // The goal compares with the reference as the original design runs it (one Uvicorn process); the same
    // number of processes on both sides is shown too.
    throughputVsReference: {
      vectorNoReasons: ratio(`ours, ${processesLabel(n)}: vector, no reasons`, ref1),
      vectorWithReasons: ratio(`ours, ${processesLabel(n)}: vector with reasons`, ref1),
      ...(n > 1
        ? {
            oneProcessVectorNoReasons: ratio(`ours, ${processesLabel(1)}: vector, no reasons`, ref1),
            sameProcessesVectorNoReasons: ratio(`ours, ${processesLabel(n)}: vector, no reasons`, refN),
            sameProcessesVectorWithReasons: ratio(`ours, ${processesLabel(n)}: vector with reasons`, refN),
          }
        : {}),
    },
  };
}

interface Sample {
  vectors: FeatureVector[];
  histories: unknown[];
}

async function takeSample(
  repo: LoanHistoryRepository,
  portfolio: PortfolioRef,
  size: number,
): Promise<Sample> {
  const vectors: FeatureVector[] = [];
  const histories: unknown[] = [];
  for await (const chunk of repo.stream(portfolio, size)) {
    for (const loan of chunk) {
      vectors.push(computeFeatures(loan.history, config().promiseRule));
      const body = { history: loan.history, contact: { ...loan.contact, outstandingBalance: loan.balance } };
      const parsed = historyRequestSchema.safeParse(body);
      if (!parsed.success)
        throw new Error(`a stored history does not pass the /predict schema: ${parsed.error.message}`);
      histories.push(body);
    }
    break;
  }
  if (vectors.length === 0) throw new Error(`portfolio ${portfolio.name} has no loans`);
  return { vectors, histories };
}

/** Distinct realistic vectors: each feature drawn from a different sampled loan (the marginals are real). */
function prepareVectors(sample: FeatureVector[], n: number): FeatureVector[] {
  const rng = new Rng(20261125);
  const out: FeatureVector[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v: Record<string, number | null> = {};
    for (const name of FEATURE_NAMES) v[name] = sample[rng.int(0, sample.length - 1)]?.[name] ?? null;
    out[i] = v as FeatureVector;
  }
  return out;
}

async function batchPart(opts: Options, services: BenchServices, sample: Sample) {
  const card = services.models.card();
  if (!card) throw new Error("no model loaded");
  const vectors = prepareVectors(sample.vectors, opts.vectors);
  const chunk = 10_000;
  const names = card.input.features.map((f) => f.name);
  // The same matrix for onnxruntime alone, in the model's input order, built before timing.
  const matrices: Float32Array[] = [];
  for (let s = 0; s < vectors.length; s += chunk) {
    const part = vectors.slice(s, s + chunk);
    const m = new Float32Array(part.length * names.length);
    for (let r = 0; r < part.length; r++)
      for (let c = 0; c < names.length; c++)
        m[r * names.length + c] = part[r]?.[names[c] as keyof FeatureVector] ?? Number.NaN;
    matrices.push(m);
  }
  const session = await ort.InferenceSession.create(readFileSync(path.join(opts.modelDir, "model.onnx")));
  let t = performance.now();
  for (const m of matrices) {
    await session.run(
      { [card.input.name]: new ort.Tensor("float32", m, [m.length / names.length, names.length]) },
      [card.output.name],
    );
  }
  const rawSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (let s = 0; s < vectors.length; s += chunk)
    await services.scoring.score(vectors.slice(s, s + chunk), false);
  const oursSeconds = (performance.now() - t) / 1000;
  await session.release();
  const result = {
    vectors: vectors.length,
    chunk,
    onnxruntimeAlone: {
      seconds: Number(rawSeconds.toFixed(2)),
      rowsPerSecond: Math.round(vectors.length / rawSeconds),
    },
    scoringService: {
      seconds: Number(oursSeconds.toFixed(2)),
      rowsPerSecond: Math.round(vectors.length / oursSeconds),
    },
    rateVsOnnxruntime: Number((rawSeconds / oursSeconds).toFixed(2)),
  };
  say(
    opts,
    `batch scoring of ${result.vectors} vectors without reasons: ours ${result.scoringService.rowsPerSecond} rows/s, ` +
      `onnxruntime alone ${result.onnxruntimeAlone.rowsPerSecond} rows/s (${Math.round(result.rateVsOnnxruntime * 100)}%)`,
  );
  return result;
}

async function rescorePart(
  opts: Options,
  pool: ReturnType<typeof createPgPool>,
  services: BenchServices,
  portfolio: PortfolioRef,
) {
  const deps = await rescoreDeps(services);
  if (!deps) throw new Error("no model loaded");
  await clearRescoring(pool, portfolio.id);
  const started = performance.now();
  let last = 0;
  const phases = new RescorePhases();
  const summary = await rescorePortfolio(
    deps,
    portfolio,
    new Date(),
    (s) => {
      if (performance.now() - last > 5000) {
        last = performance.now();
        const seconds = (last - started) / 1000;
        say(
          opts,
          `  rescored ${s.loans} loans in ${seconds.toFixed(0)} s (${Math.round(s.loans / seconds)} loans/s)`,
        );
      }
    },
    { phases },
  );
  const seconds = (performance.now() - started) / 1000;
  say(
    opts,
    `end-to-end rescoring of ${summary.loans} loans: ${seconds.toFixed(1)} s (${Math.round(summary.loans / seconds)} loans/s); ` +
      `${summary.scoresWritten} scores, ${summary.propensityScoresWritten} propensity scores, ${summary.recommendationsCreated} recommendations, ${summary.tasksCreated} tasks, ` +
      `${summary.messagesQueued} messages queued`,
  );
  const phaseSeconds = phases.seconds();
  say(
    opts,
    `  seconds per phase, summed over chunks (they overlap): ${Object.entries(phaseSeconds)
      .map(([p, s]) => `${p} ${s}`)
      .join(", ")}`,
  );
  return {
    seconds: Number(seconds.toFixed(1)),
    loansPerSecond: Math.round(summary.loans / seconds),
    ...summary,
    phaseSeconds,
  };
}

new Command("bench:scoring")
  .option(
    "--loans <n>",
    "synthetic portfolio to rescore (generated when missing)",
    positiveInt("--loans"),
    1_000_000,
  )
  .option("--seed <n>", "generator seed", positiveInt("--seed"), 1)
  .option(
    "--sample <n>",
    "loans whose vectors and histories are posted to /predict",
    positiveInt("--sample"),
    2000,
  )
  .option("--vectors <n>", "prepared vectors for batch scoring", positiveInt("--vectors"), 1_000_000)
  .option("--duration <s>", "seconds of load per /predict target", positiveInt("--duration"), 15)
  .option("--connections <n>", "concurrent HTTP connections", positiveInt("--connections"), 32)
  .option(
    "--processes <n>",
    "server processes (API_WORKERS) of our server, and of the reference for the like-for-like figure",
    positiveInt("--processes"),
    availableParallelism(),
  )
  .option("--parts <list>", "which figures: http,batch,rescore", parts, [...PARTS])
  .option("--model-dir <dir>", "model folder (default: the served model)")
  .option(
    "--collection-models-dir <dir>",
    "the collection scores' models (default: CREDITPATH_COLLECTION_MODELS_DIR); without a propensity model rescoring leaves it out",
  )
  .option("--json", "print one JSON object")
  .action(
    async (
      raw: Omit<Options, "modelDir" | "collectionModelsDir"> & {
        modelDir?: string;
        collectionModelsDir?: string;
      },
    ) => {
      const opts: Options = {
        ...raw,
        modelDir: path.resolve(raw.modelDir ?? config().modelDir),
        collectionModelsDir: path.resolve(raw.collectionModelsDir ?? config().collectionModelsDir),
      };
      if (!existsSync(path.join(opts.modelDir, "model.onnx")))
        throw new Error(`no model in ${opts.modelDir}: run \`npm run ml:train\` (or \`npm run demo\`) first`);
      const db = await resolveDatabase();
      await migrateDeploy(db.url);
      const pool = createPgPool(db.url);
      const prisma = createPrismaClient(db.url);
      let services: BenchServices | undefined;
      try {
        services = benchServices(prisma, pool, opts.modelDir, opts.collectionModelsDir);
        const status = await services.models.load();
        if (status.state !== "loaded")
          throw new Error(
            `the model in ${opts.modelDir} does not load: ${"error" in status ? status.error : "not loaded"}`,
          );
        const collection = await services.collectionModels.load();
        const propensityLoaded = collection.PROPENSITY_TO_PAY.state === "loaded";
        say(
          opts,
          propensityLoaded
            ? `propensity-to-pay model: ${services.collectionModels.propensity.models.card()?.version}`
            : `no propensity-to-pay model in ${opts.collectionModelsDir}: rescoring leaves that score out`,
        );
        const repo = new LoanHistoryRepository(pool);
        const portfolio = await ensureBenchPortfolio(pool, opts.loans, opts.seed, (line) => say(opts, line));
        const name = portfolio.name;
        const sample = await takeSample(repo, portfolio, opts.sample);
        const result: Record<string, unknown> = {
          machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
          model: { version: services.models.card()?.version, algorithm: services.models.card()?.algorithm },
          propensityModel: services.collectionModels.propensity.models.card()?.version ?? null,
          portfolio: name,
        };
        if (opts.parts.includes("http")) result.http = await httpPart(opts, db.url, services, sample);
        if (opts.parts.includes("batch")) result.batch = await batchPart(opts, services, sample);
        if (opts.parts.includes("rescore"))
          result.rescore = await rescorePart(opts, pool, services, portfolio);
        if (opts.json) console.log(JSON.stringify(result));
      } finally {
        await services?.audit.flush();
        await prisma.$disconnect();
        await pool.end();
        await db.release();
      }
    },
  )
  .parseAsync()
  .catch((err: Error) => {
    console.error(`bench:scoring: ${err.message}`);
    process.exit(1);
  });
