// `npm run bench:api -- [--loans N] [--agents N] [--tasks-per-agent N] [--sockets N] [--events N] [--json]`:
// the operations API under a collections floor's load, on the built server over the embedded database (or
// DATABASE_URL):
//  worklist  every agent pages through `myWorklist` (pages of 50, every item field) at once: p50/p95;
//  events    N sockets of recovery managers subscribed to task changes; a supervisor reassigns tasks one by
//            one; the delay of every delivery (p99 over all of them);
//  writes    agents log inbound calls and promises to pay on their own loans: calls per second, p50/p95.
// The portfolio is the synthetic one of --loans loans (generated when missing); the benchmark's own team of
// agents gets --tasks-per-agent open tasks each. Its accounts get a fresh password per run and are
// deactivated at the end.
import { availableParallelism, cpus } from "node:os";
import { Command, InvalidArgumentError } from "commander";
import { startApi } from "../../../scripts/lib/stack.js";
import { config } from "../../../server/src/core/config/config.js";
import { resolveDatabase } from "../../../server/src/core/db/database.js";
import { migrateDeploy } from "../../../server/src/core/db/migrate.js";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { freePort } from "../../../server/src/core/net/ports.js";
import { LoanHistoryRepository } from "../../../server/src/modules/features/loan-history.repository.js";
import { defaultPortfolioName, planPortfolio } from "../synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../synthetic/writer.js";
import { type Session, signIn } from "./api/api-client.js";
import { ensureOpenTasks, ensureWorkforce, retireWorkforce } from "./api/bench-workforce.js";
import { eventsPart } from "./api/events-part.js";
import { committedSchema } from "./api/operations.js";
import { worklistPart } from "./api/worklist-part.js";
import { writesPart } from "./api/writes-part.js";

interface Options {
  loans: number;
  seed: number;
  agents: number;
  tasksPerAgent: number;
  pageSize: number;
  sockets: number;
  events: number;
  duration: number;
  processes: number;
  json?: boolean;
}

function positiveInt(what: string) {
  return (v: string) => {
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${what} must be a whole number >= 1`);
    return n;
  };
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
    const repo = new LoanHistoryRepository(pool);
    const plan = planPortfolio({ loans: opts.loans, seed: opts.seed });
    const name = defaultPortfolioName(plan);
    let portfolio = await repo.portfolio(name);
    if (!portfolio) {
      say(`generating ${name} (a one-off)...`);
      await writeSyntheticPortfolio({
        pool,
        plan,
        portfolioName: name,
        onBatch: (n) => n % 20_000 < 1000 && say(`  generated ${n} loans`),
      });
      portfolio = await repo.portfolio(name);
      if (!portfolio) throw new Error(`portfolio ${name} missing after generation`);
    }
    const managerCount = Math.max(1, Math.ceil(opts.sockets / 100));
    const workforce = await ensureWorkforce(pool, opts.agents, managerCount);
    try {
      const openTasks = await ensureOpenTasks(pool, portfolio.id, workforce, opts.tasksPerAgent);
      say(`${name}: ${opts.agents} agents with ${openTasks} open tasks between them`);
      const api = await startApi({
        databaseUrl: db.url,
        apiPort: await freePort(),
        modelDir: config().modelDir,
        output: "ignore",
        env: { RESCORE_INTERVAL_MINUTES: "0", API_WORKERS: String(opts.processes), MESSAGING_WORKER: "off" },
      });
      try {
        const login = (email: string) => signIn(api.url, email, workforce.password);
        const agents: Session[] = [];
        for (const a of workforce.agents) agents.push(await login(a.email));
        const managers: Session[] = [];
        for (const m of workforce.managers) managers.push(await login(m.email));
        const supervisor = await login(workforce.supervisor.email);
        const schema = committedSchema();

        say(`myWorklist: ${opts.agents} agents at once, pages of ${opts.pageSize}, ${opts.duration} s...`);
        const worklist = await worklistPart(api.url, schema, agents, {
          pageSize: opts.pageSize,
          seconds: opts.duration,
          pagesDeep: 4,
        });
        say(
          `  p50 ${worklist.p50Ms} ms  p95 ${worklist.p95Ms} ms  (${worklist.requestsPerSecond} pages/s, ${worklist.failures} failed)`,
        );

        // Loans that still owe something: a promise above the balance is refused, as it should be.
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
        const moveRows = await pool.query<{ id: string }>(
          `SELECT id FROM "Task" WHERE "assigneeId" = ANY($1::uuid[]) AND status = 'OPEN' ORDER BY id LIMIT 5`,
          [workforce.agents.map((a) => a.id)],
        );
        const pair: [string, string] = [workforce.agents[0]?.id as string, workforce.agents[1]?.id as string];
        say(`events: ${opts.sockets} sockets, ${opts.events} events...`);
        const events = await eventsPart(
          api.url,
          managers,
          supervisor,
          moveRows.rows.map((r) => ({ taskId: r.id, assigneeIds: pair })),
          { sockets: opts.sockets, events: opts.events, say },
        );
        say(
          `  ${events.delivered}/${events.expected} deliveries: p50 ${events.p50Ms} ms  p99 ${events.p99Ms} ms`,
        );

        say(`writes: ${opts.agents} agents at once, ${opts.duration} s each...`);
        const writes = await writesPart(api.url, agents, loansOf, opts.duration);
        for (const w of writes)
          say(
            `  ${w.operation.padEnd(16)} ${w.perSecond}/s  p50 ${w.p50Ms} ms  p95 ${w.p95Ms} ms  (${w.failures} failed${w.firstFailure ? `: ${w.firstFailure}` : ""})`,
          );

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
    "--processes <n>",
    "server processes (API_WORKERS)",
    positiveInt("--processes"),
    availableParallelism(),
  )
  .option("--json", "print one JSON object")
  .action((opts: Options) => run(opts))
  .parseAsync()
  .catch((err: Error) => {
    console.error(`bench:api: ${err.message}`);
    process.exit(1);
  });
