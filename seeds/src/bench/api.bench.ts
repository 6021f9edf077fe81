// `npm run bench:api -- [--loans N] [--agents N] [--tasks-per-agent N] [--sockets N] [--events N] [--parts worklist,events,writes] [--json]`:
// the operations API under a collections floor's load, on the built server over the embedded database (or
// DATABASE_URL):
//  worklist  every agent pages through `myWorklist` (pages of 50, every item field) at once: p50/p95;
//  events    N sockets of recovery managers subscribed to task changes; a supervisor reassigns tasks one by
//            one; the delay of every delivery (p99 over all of them);
//  writes    agents log inbound calls and promises to pay on their own loans: calls per second, p50/p95.
// The portfolio is the synthetic one of --loans loans (generated when missing); the benchmark's own team of
// agents gets --tasks-per-agent open tasks each. Its accounts get a fresh password per run and are
// deactivated at the end.
import { randomBytes } from "node:crypto";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { startApi } from "../../../scripts/lib/stack.js";
import { config } from "../../../server/src/core/config/config.js";
import { resolveDatabase } from "../../../server/src/core/db/database.js";
import { migrateDeploy } from "../../../server/src/core/db/migrate.js";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { freePort } from "../../../server/src/core/net/ports.js";
import { type Session, signIn } from "./api/api-client.js";
import { ensureOpenTasks, ensureWorkforce, retireWorkforce } from "./api/bench-workforce.js";
import { eventsPart } from "./api/events-part.js";
import { committedSchema } from "./api/operations.js";
import { worklistPart } from "./api/worklist-part.js";
import { writesPart } from "./api/writes-part.js";
import { ensureBenchPortfolio } from "./bench-portfolio.js";
import { ensureScored } from "./bench-services.js";
import { partList, positiveInt } from "./cli-options.js";

const PARTS = ["worklist", "events", "writes"] as const;
type Part = (typeof PARTS)[number];

interface Options {
  loans: number;
  seed: number;
  agents: number;
  tasksPerAgent: number;
  pageSize: number;
  sockets: number;
  events: number;
  duration: number;
  thinkMs: number;
  processes: number;
  parts: Part[];
  modelDir?: string;
  json?: boolean;
}

async function run(opts: Options) {
  if (opts.agents < 2)
    throw new Error("--agents must be at least 2: the event figure moves tasks between two agents");
  const say = (line: string) => {
    if (!opts.json) process.stderr.write(`${line}\n`);
  };
  const db = await resolveDatabase();
  await migrateDeploy(db.url);
  const pool = createPgPool(db.url);
  try {
    const portfolio = await ensureBenchPortfolio(pool, opts.loans, opts.seed, say);
    const name = portfolio.name;
    // Items as agents see them: with the score, its reasons and the recommendation (before the benchmark's
    // own agents exist, so that rescoring's tasks go to nobody of theirs).
    const modelDir = path.resolve(opts.modelDir ?? config().modelDir);
    const collectionModelsDir = config().collectionModelsDir;
    await ensureScored({ pool, databaseUrl: db.url, modelDir, collectionModelsDir }, portfolio, say);
    const managerCount = Math.max(1, Math.ceil(opts.sockets / 100));
    const workforce = await ensureWorkforce(pool, opts.agents, managerCount);
    try {
      const openTasks = await ensureOpenTasks(pool, portfolio.id, workforce, opts.tasksPerAgent);
      say(`${name}: ${opts.agents} agents with ${openTasks} open tasks between them`);
      const api = await startApi({
        databaseUrl: db.url,
        apiPort: await freePort(),
        modelDir,
        output: "ignore",
        // As a lender runs it: production mode (graphql-js skips its development-only checks).
        env: {
          NODE_ENV: "production",
          JWT_SECRET: randomBytes(32).toString("hex"),
          RESCORE_INTERVAL_MINUTES: "0",
          API_WORKERS: String(opts.processes),
          MESSAGING_WORKER: "off",
          // The bench is one address standing for a whole workforce: all of it signs in within seconds.
          LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "1000000",
        },
      });
      try {
        const login = (email: string) => signIn(api.url, email, workforce.password);
        const agents: Session[] = [];
        for (const a of workforce.agents) agents.push(await login(a.email));
        const managers: Session[] = [];
        for (const m of workforce.managers) managers.push(await login(m.email));
        const supervisor = await login(workforce.supervisor.email);

        const world: World = { pool, baseUrl: api.url, agents, managers, supervisor, workforce, say };
        const worklist = opts.parts.includes("worklist") ? await measureWorklist(world, opts) : undefined;
        const events = opts.parts.includes("events") ? await measureEvents(world, opts) : undefined;
        const writes = opts.parts.includes("writes") ? await measureWrites(world, opts) : undefined;
        const result = {
          machine: { cpus: cpus().length, node: process.version, serverProcesses: opts.processes },
          portfolio: { name, loans: opts.loans, agents: opts.agents, openTasks },
          worklist,
          events,
          writes,
        };
        if (opts.json) console.log(JSON.stringify(result));
      } finally {
        await api.stop();
      }
    } finally {
      await retireWorkforce(pool, workforce);
    }
  } finally {
    await pool.end();
    await db.release();
  }
}

interface World {
  pool: ReturnType<typeof createPgPool>;
  baseUrl: string;
  agents: Session[];
  managers: Session[];
  supervisor: Session;
  workforce: Awaited<ReturnType<typeof ensureWorkforce>>;
  say: (line: string) => void;
}

/** The worklist as agents page through it between cases, then with no pause at all (the saturation). */
async function measureWorklist(w: World, opts: Options) {
  const figures = [];
  for (const thinkMs of [opts.thinkMs, 0]) {
    w.say(
      `myWorklist: ${opts.agents} agents at once, pages of ${opts.pageSize}, ${thinkMs > 0 ? `a page every ~${thinkMs} ms each` : "no pause"}, ${opts.duration} s...`,
    );
    const run = await worklistPart(w.baseUrl, committedSchema(), w.agents, {
      pageSize: opts.pageSize,
      seconds: opts.duration,
      pagesDeep: 4,
      thinkMs,
    });
    w.say(
      `  p50 ${run.p50Ms} ms  p95 ${run.p95Ms} ms  (${run.requestsPerSecond} pages/s, ${run.failures} failed)`,
    );
    figures.push(run);
  }
  const [paced, saturated] = figures;
  return { paced, saturated };
}

async function measureEvents(w: World, opts: Options) {
  const moveRows = await w.pool.query<{ id: string }>(
    `SELECT id FROM "Task" WHERE "assigneeId" = ANY($1::uuid[]) AND status = 'OPEN' ORDER BY id LIMIT 5`,
    [w.workforce.agents.map((a) => a.id)],
  );
  const pair: [string, string] = [w.workforce.agents[0]?.id as string, w.workforce.agents[1]?.id as string];
  w.say(`events: ${opts.sockets} sockets, ${opts.events} events...`);
  const events = await eventsPart(
    w.baseUrl,
    w.managers,
    w.supervisor,
    moveRows.rows.map((r) => ({ taskId: r.id, assigneeIds: pair })),
    { sockets: opts.sockets, events: opts.events, say: w.say },
  );
  w.say(
    `  ${events.delivered}/${events.expected} deliveries: p50 ${events.p50Ms} ms  p99 ${events.p99Ms} ms`,
  );
  return events;
}

async function measureWrites(w: World, opts: Options) {
  // Loans that still owe something: a promise above the balance is refused, as it should be.
  const loansOf = await Promise.all(
    w.workforce.agents.map(async (a) =>
      (
        await w.pool.query<{ loanId: string }>(
          `SELECT t."loanId" FROM "Task" t JOIN "Loan" l ON l.id = t."loanId"
           WHERE t."assigneeId" = $1 AND t.status IN ('OPEN', 'IN_PROGRESS') AND l."outstandingBalance" >= 100
           ORDER BY t.id LIMIT 200`,
          [a.id],
        )
      ).rows.map((r) => r.loanId),
    ),
  );
  w.say(`writes: ${opts.agents} agents at once, ${opts.duration} s each...`);
  const writes = await writesPart(w.baseUrl, w.agents, loansOf, opts.duration);
  for (const x of writes)
    w.say(
      `  ${x.operation.padEnd(16)} ${x.perSecond}/s  p50 ${x.p50Ms} ms  p95 ${x.p95Ms} ms  (${x.failures} failed${x.firstFailure ? `: ${x.firstFailure}` : ""})`,
    );
  return writes;
}

new Command("bench:api")
  .option(
    "--loans <n>",
    "synthetic operational portfolio (generated when missing)",
    positiveInt("--loans"),
    100_000,
  )
  .option("--seed <n>", "generator seed", positiveInt("--seed"), 7)
  .option("--agents <n>", "agents working at once", positiveInt("--agents"), 20)
  .option("--tasks-per-agent <n>", "open tasks of each agent", positiveInt("--tasks-per-agent"), 500)
  .option("--page-size <n>", "worklist page size", positiveInt("--page-size"), 50)
  .option("--sockets <n>", "subscribed sockets for the event figure", positiveInt("--sockets"), 1000)
  .option("--events <n>", "events delivered to every socket", positiveInt("--events"), 20)
  .option("--duration <s>", "seconds of each load figure", positiveInt("--duration"), 20)
  .option(
    "--think-ms <ms>",
    "each agent's pause between two worklist pages (the saturation figure has none)",
    positiveInt("--think-ms"),
    2000,
  )
  .option(
    "--processes <n>",
    "server processes (API_WORKERS)",
    positiveInt("--processes"),
    availableParallelism(),
  )
  .option("--parts <list>", `what to measure: a comma list of ${PARTS.join(", ")}`, partList(PARTS), [
    ...PARTS,
  ])
  .option(
    "--model-dir <dir>",
    "model that scores the portfolio when it has no scores yet (default: the served one)",
  )
  .option("--json", "print one JSON object")
  .action((opts: Options) => run(opts))
  .parseAsync()
  .catch((err: Error) => {
    console.error(`bench:api: ${err.message}`);
    process.exit(1);
  });
