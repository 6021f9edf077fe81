// `npm run bench:load -- [--loans N] [--duration S] [--agents N] [--parts traffic,rescore] [--json]`: scale-out
// across processes, as separate machines would run them on one PostgreSQL (the embedded one, or DATABASE_URL):
//  traffic  mixed operations traffic for S seconds - agents paging their worklist, logging calls and promises
//           to pay, and an external scorer's /predict - against one, then two API instances (built server,
//           one process each, clients spread round robin): throughput, latencies and failures per operation;
//  rescore  a rescoring of the synthetic portfolio of --loans loans (a first one: earlier scores go first)
//           by one, then two `rescore:worker` processes (RESCORE_THREADS=0: one core each): loans per second.
// Each part ends with the ratio two / one.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { startApi, stopChild } from "../../../scripts/lib/stack.js";
import { AuditService } from "../../../server/src/core/audit/audit.service.js";
import { config } from "../../../server/src/core/config/config.js";
import { repoRoot } from "../../../server/src/core/config/repo-paths.js";
import { resolveDatabase } from "../../../server/src/core/db/database.js";
import { migrateDeploy } from "../../../server/src/core/db/migrate.js";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { createPrismaClient } from "../../../server/src/core/db/prisma-client.js";
import { JobQueue } from "../../../server/src/core/jobs/job-queue.js";
import { freePort } from "../../../server/src/core/net/ports.js";
import { ApiKeyRepository } from "../../../server/src/modules/api-keys/api-key.repository.js";
import { ApiKeyService } from "../../../server/src/modules/api-keys/api-key.service.js";
import { computeFeatures } from "../../../server/src/modules/features/compute-features.js";
import { FEATURE_VERSION } from "../../../server/src/modules/features/feature-catalogue.js";
import {
  LoanHistoryRepository,
  type PortfolioRef,
} from "../../../server/src/modules/features/loan-history.repository.js";
import { ModelRegistry } from "../../../server/src/modules/scoring/model-registry.js";
import {
  enqueueRescoring,
  prepareRescoreQueue,
  type RescoreQueueSettings,
} from "../../../server/src/modules/scoring/rescore-queue.js";
import { RescoringRunRepository } from "../../../server/src/modules/scoring/rescoring-run.repository.js";
import { type Session, signIn } from "./api/api-client.js";
import { ensureOpenTasks, ensureWorkforce, retireWorkforce } from "./api/bench-workforce.js";
import { type MixedFigures, mixedPart } from "./api/mixed-part.js";
import { committedSchema } from "./api/operations.js";
import { clearRescoring, ensureBenchPortfolio } from "./bench-portfolio.js";
import { partList, positiveInt } from "./cli-options.js";

const PARTS = ["traffic", "rescore"] as const;
type Part = (typeof PARTS)[number];

interface Options {
  loans: number;
  seed: number;
  agents: number;
  tasksPerAgent: number;
  duration: number;
  chunkLoans: number;
  parts: Part[];
  json?: boolean;
}

const ratio = (two: number, one: number) => (one > 0 ? Math.round((two / one) * 100) / 100 : null);

async function run(opts: Options) {
  const say = (line: string) => {
    if (!opts.json) process.stderr.write(`${line}\n`);
  };
  const db = await resolveDatabase();
  await migrateDeploy(db.url);
  const pool = createPgPool(db.url);
  const prisma = createPrismaClient(db.url);
  try {
    const portfolio = await ensureBenchPortfolio(pool, opts.loans, opts.seed, say);
    const result: Record<string, unknown> = {
      machine: { cpus: cpus().length, node: process.version },
      portfolio: { name: portfolio.name, loans: opts.loans },
    };
    if (opts.parts.includes("traffic"))
      result.traffic = await trafficPart(opts, db.url, pool, prisma, portfolio, say);
    if (opts.parts.includes("rescore"))
      result.rescore = await rescorePart(opts, db.url, pool, portfolio, say);
    if (opts.json) console.log(JSON.stringify(result));
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await db.release();
  }
}

/** Feature vectors of the portfolio's first loans, as /predict bodies. */
async function predictBodies(pool: ReturnType<typeof createPgPool>, portfolio: PortfolioRef, n: number) {
  for await (const chunk of new LoanHistoryRepository(pool).stream(portfolio, n))
    return chunk.map((l) =>
      JSON.stringify({
        featureVersion: FEATURE_VERSION,
        features: computeFeatures(l.history, config().promiseRule),
      }),
    );
  throw new Error(`portfolio ${portfolio.name} has no loans`);
}

async function trafficPart(
  opts: Options,
  databaseUrl: string,
  pool: ReturnType<typeof createPgPool>,
  prisma: ReturnType<typeof createPrismaClient>,
  portfolio: PortfolioRef,
  say: (line: string) => void,
) {
  const models = new ModelRegistry(config().modelDir);
  const model = await models.load();
  if (model.state !== "loaded")
    throw new Error(`no model to serve /predict: ${model.error} (npm run ml:train)`);
  const workforce = await ensureWorkforce(pool, opts.agents, 1);
  const apiKeys = new ApiKeyService(new ApiKeyRepository(prisma), new AuditService(pool));
  const { key, record } = await apiKeys.create(`bench:load ${new Date().toISOString()}`, 0);
  try {
    const openTasks = await ensureOpenTasks(pool, portfolio.id, workforce, opts.tasksPerAgent);
    say(`${portfolio.name}: ${opts.agents} agents with ${openTasks} open tasks between them`);
    const loansOf = await Promise.all(
      workforce.agents.map(async (a) =>
        (
          await pool.query<{ loanId: string }>(
            `SELECT t."loanId" FROM "Task" t JOIN "Loan" l ON l.id = t."loanId"
             WHERE t."assigneeId" = $1 AND t.status IN ('OPEN', 'IN_PROGRESS') AND l."outstandingBalance" >= 100
             ORDER BY t.id LIMIT 200`,
            [a.id],
          )
        ).rows.map((r) => r.loanId),
      ),
    );
    const bodies = await predictBodies(pool, portfolio, 500);
    const jwtSecret = randomBytes(32).toString("hex");
    const figures: MixedFigures[] = [];
    for (const instances of [1, 2]) {
      const apis = await Promise.all(
        Array.from({ length: instances }, async () =>
          startApi({
            databaseUrl,
            apiPort: await freePort(),
            modelDir: config().modelDir,
            output: "ignore",
            // As separate machines run it: one process each, sharing a secret, the database and nothing else.
            env: {
              NODE_ENV: "production",
              JWT_SECRET: jwtSecret,
              API_WORKERS: "1",
              RESCORE_INTERVAL_MINUTES: "0",
              RESCORE_WORKER: "off",
              MESSAGING_WORKER: "off",
              LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "1000000",
            },
          }),
        ),
      );
      try {
        const urls = apis.map((a) => a.url);
        const agents: Session[] = [];
        for (const a of workforce.agents)
          agents.push(await signIn(urls[0] as string, a.email, workforce.password));
        say(
          `mixed traffic against ${instances} API instance(s), ${opts.agents} clients, ${opts.duration} s...`,
        );
        const f = await mixedPart(
          { urls, schema: committedSchema(), agents, loansOf, apiKey: key, predictBodies: bodies },
          opts.duration,
        );
        say(`  ${f.requestsPerSecond} requests/s, ${f.failures} failed`);
        for (const o of f.operations)
          say(
            `  ${o.operation.padEnd(16)} ${o.perSecond}/s  p50 ${o.p50Ms} ms  p95 ${o.p95Ms} ms  p99 ${o.p99Ms} ms  (${o.failures} failed${o.firstFailure ? `: ${o.firstFailure}` : ""})`,
          );
        figures.push(f);
      } finally {
        await Promise.all(apis.map((a) => a.stop()));
      }
    }
    const [one, two] = figures as [MixedFigures, MixedFigures];
    const twoOverOne = ratio(two.requestsPerSecond, one.requestsPerSecond);
    say(`traffic: two instances / one = ${twoOverOne} (requests per second)`);
    return { one, two, ratioTwoOverOne: twoOverOne };
  } finally {
    await apiKeys.revoke(record.prefix);
    await retireWorkforce(pool, workforce);
  }
}

/** A `npm run rescore:worker` process, resolved once it works on the queue. */
async function startWorker(databaseUrl: string, chunkLoans: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "server/src/modules/scoring/rescore-worker.cli.ts")],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        RESCORE_THREADS: "0",
        RESCORE_CHUNK_LOANS: String(chunkLoans),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => {
      output += c;
      if (output.includes("rescoring worker started")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`a rescoring worker exited (${code}) at start:\n${output}`)),
    );
  });
  return { child, output: () => output };
}

async function rescorePart(
  opts: Options,
  databaseUrl: string,
  pool: ReturnType<typeof createPgPool>,
  portfolio: PortfolioRef,
  say: (line: string) => void,
) {
  const models = new ModelRegistry(config().modelDir);
  const model = await models.load();
  if (model.state !== "loaded")
    throw new Error(`no model to rescore with: ${model.error} (npm run ml:train)`);
  const settings: RescoreQueueSettings = { chunkLoans: opts.chunkLoans, chunkTimeoutSeconds: 900 };
  const jobs = new JobQueue({ connectionString: databaseUrl, onError: () => {} });
  await jobs.start();
  const runs = new RescoringRunRepository(pool);
  const figures = [];
  try {
    await prepareRescoreQueue(jobs, settings);
    for (const count of [1, 2]) {
      await clearRescoring(pool, portfolio.id);
      const workers = await Promise.all(
        Array.from({ length: count }, () => startWorker(databaseUrl, opts.chunkLoans)),
      );
      try {
        say(
          `rescoring ${opts.loans} loans with ${count} worker process(es), chunks of ${opts.chunkLoans}...`,
        );
        const started = performance.now();
        const runId = await enqueueRescoring(pool, jobs, settings, {
          portfolio,
          modelVersion: model.version,
          trigger: "bench",
        });
        if (!runId) throw new Error("the run was not queued");
        let progress = (await runs.progress([runId]))[0];
        while (progress?.status === "RUNNING") {
          await new Promise((r) => setTimeout(r, 500));
          progress = (await runs.progress([runId]))[0];
        }
        const seconds = (performance.now() - started) / 1000;
        if (progress?.status !== "SUCCEEDED")
          throw new Error(
            `the run ${progress?.status}: ${progress?.error}\n${workers.map((w) => w.output()).join("\n")}`,
          );
        const summary = (await runs.totals(runId))?.summary;
        const f = {
          workers: count,
          seconds: Number(seconds.toFixed(1)),
          loansPerSecond: Math.round((summary?.loans ?? 0) / seconds),
          loans: summary?.loans,
          scoresWritten: summary?.scoresWritten,
          recommendationsCreated: summary?.recommendationsCreated,
          tasksCreated: summary?.tasksCreated,
          chunkRetries: await runs.retries(runId),
        };
        say(
          `  ${f.seconds} s, ${f.loansPerSecond} loans/s (${f.scoresWritten} scores, ${f.tasksCreated} tasks)`,
        );
        figures.push(f);
      } finally {
        await Promise.all(workers.map((w) => stopChild(w.child)));
      }
    }
  } finally {
    await jobs.stop(1000);
  }
  const [one, two] = figures as [(typeof figures)[number], (typeof figures)[number]];
  const twoOverOne = ratio(two.loansPerSecond, one.loansPerSecond);
  say(`rescoring: two workers / one = ${twoOverOne} (loans per second)`);
  return { one, two, ratioTwoOverOne: twoOverOne };
}

new Command("bench:load")
  .option("--loans <n>", "synthetic portfolio (generated when missing)", positiveInt("--loans"), 100_000)
  .option("--seed <n>", "generator seed", positiveInt("--seed"), 7)
  .option("--agents <n>", "agents (clients) working at once", positiveInt("--agents"), 20)
  .option("--tasks-per-agent <n>", "open tasks of each agent", positiveInt("--tasks-per-agent"), 200)
  .option("--duration <s>", "seconds of each traffic figure", positiveInt("--duration"), 30)
  .option("--chunk-loans <n>", "loans per rescoring chunk", positiveInt("--chunk-loans"), 10_000)
  .option("--parts <list>", `what to measure: a comma list of ${PARTS.join(", ")}`, partList(PARTS), [
    ...PARTS,
  ])
  .option("--json", "print one JSON object")
  .action((opts: Options) => run(opts))
  .parseAsync()
  .catch((err: Error) => {
    console.error(`bench:load: ${err.message}`);
    process.exit(1);
  });
