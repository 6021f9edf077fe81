import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { planPortfolio } from "../../../../seeds/src/synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../../../../seeds/src/synthetic/writer.js";
import { repoRoot } from "../../core/config/repo-paths.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { createPrismaClient, type Db } from "../../core/db/prisma-client.js";
import { JobQueue } from "../../core/jobs/job-queue.js";
import { logger } from "../../core/logging/logger.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { PolicyRepository } from "../recommendations/policy.repository.js";
import { PolicyService } from "../recommendations/policy.service.js";
import { ModelRegistry } from "./model-registry.js";
import { type RescoreDeps, rescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";
import {
  enqueueRescoring,
  prepareRescoreQueue,
  type RescoreQueueSettings,
  startRescoreWorker,
} from "./rescore-queue.js";
import { rescoreOnSchedule, type ScheduleParts, scheduleRescoring } from "./rescore-schedule.js";
import { ScoringService } from "./scoring.service.js";

const LOANS = 240;
const CHUNK_LOANS = 60;
const COMMIT_LOANS = 20;
const CHUNK_TIMEOUT_SECONDS = 5;
const AGENT_CAPACITY = 4;
const settings: RescoreQueueSettings = {
  chunkLoans: CHUNK_LOANS,
  chunkTimeoutSeconds: CHUNK_TIMEOUT_SECONDS,
};

/** Polls `probe` (a database state) until it gives a value. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `npm run rescore:worker` as another machine would run it: its own process on the shared database. */
function startWorker(): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "server/src/modules/scoring/rescore-worker.cli.ts")],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: inject("databaseUrl"),
        CREDITPATH_MODEL_DIR: inject("servedModelDir"),
        RESCORE_THREADS: "0",
        RESCORE_CHUNK_LOANS: String(CHUNK_LOANS),
        RESCORE_COMMIT_LOANS: String(COMMIT_LOANS),
        RESCORE_CHUNK_TIMEOUT_SECONDS: String(CHUNK_TIMEOUT_SECONDS),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (c) => {
    output += c;
  });
  child.stderr?.on("data", (c) => {
    output += c;
  });
  return { child, output: () => output };
}

describe("rescoring shared by worker processes", () => {
  const pool = createPgPool(inject("databaseUrl"));
  let db: Db;
  let jobs: JobQueue;
  let portfolio: PortfolioRef;
  let modelVersion: string;
  const agents: string[] = [];
  let othersDeactivated: string[] = [];
  const workers: ReturnType<typeof startWorker>[] = [];
  const morePortfolios: string[] = [];

  beforeAll(async () => {
    db = createPrismaClient(inject("databaseUrl"));
    const models = new ModelRegistry(inject("servedModelDir"));
    await models.load();
    modelVersion = (models.card() as { version: string }).version;
    const name = `Workers ${randomUUID().slice(0, 8)}`;
    await writeSyntheticPortfolio({
      pool,
      plan: planPortfolio({ loans: LOANS, seed: 23, asOf: "2026-10-31" }),
      portfolioName: name,
    });
    portfolio = (await new LoanHistoryRepository(pool).portfolio(name)) as PortfolioRef;
    // Capacity must bind: the run's agents are three with little room, and nobody else takes work meanwhile
    // (the other agents are made inactive for this file and restored after it).
    othersDeactivated = (
      await pool.query<{ id: string }>(
        `UPDATE "User" SET active = false WHERE role = 'AGENT' AND active RETURNING id`,
      )
    ).rows.map((r) => r.id);
    for (let i = 0; i < 3; i++) {
      const u = await db.user.create({
        data: {
          email: `worker-agent-${i}-${randomUUID().slice(0, 8)}@test.local`,
          displayName: `Worker agent ${i}`,
          role: "AGENT",
          passwordHash: "x",
          capacity: AGENT_CAPACITY,
        },
      });
      agents.push(u.id);
    }
    jobs = new JobQueue({
      connectionString: inject("databaseUrl"),
      pollingIntervalSeconds: 1,
      onError: (err) => logger.error({ err: err.message }, "job queue error"),
    });
    await jobs.start();
    await prepareRescoreQueue(jobs, settings);
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await jobs?.stop(1000).catch(() => {});
    await pool.query(`UPDATE "User" SET active = true WHERE id = ANY($1::uuid[])`, [othersDeactivated]);
    if (portfolio) await db.portfolio.delete({ where: { id: portfolio.id } });
    await db.portfolio.deleteMany({ where: { id: { in: morePortfolios } } });
    await db.user.deleteMany({ where: { id: { in: agents } } });
    await db.$disconnect();
    await pool.end();
  });

  it("complete a run when one worker is killed mid-chunk: every loan scored once, no duplicates, capacity kept", async () => {
    const loanIds = (
      await pool.query<{ id: string }>(`SELECT id FROM "Loan" WHERE "portfolioId" = $1 ORDER BY id`, [
        portfolio.id,
      ])
    ).rows.map((r) => r.id);
    // A loan in the second commit of chunk 1, locked by this test: whoever takes chunk 1 commits its first
    // part, then waits on this lock, mid-chunk, until the test lets go.
    const held = loanIds[CHUNK_LOANS + COMMIT_LOANS + 5] as string;
    const blocker: pg.PoolClient = await pool.connect();
    await blocker.query("BEGIN");
    await blocker.query(`SELECT id FROM "Loan" WHERE id = $1 FOR UPDATE`, [held]);
    let runId: string;
    try {
      runId = (await enqueueRescoring(pool, jobs, settings, {
        portfolio,
        modelVersion,
        trigger: "test",
      })) as string;
      workers.push(startWorker(), startWorker());
      const stuck = await until("a worker stuck mid-way through chunk 1", async () => {
        const r = await pool.query<{ claimedBy: string; committed: string | null }>(
          `SELECT "claimedBy", "committedThroughLoanId" AS committed FROM "RescoringChunk" WHERE "runId" = $1 AND index = 1`,
          [runId],
        );
        const waiting = await pool.query(`SELECT 1 FROM pg_locks WHERE NOT granted`);
        const row = r.rows[0];
        return row?.committed && (waiting.rowCount ?? 0) > 0 ? row.claimedBy : undefined;
      });
      const victim = workers.find((w) => stuck.endsWith(`:${w.child.pid}`));
      expect(victim, `chunk 1 was claimed by ${stuck}, which is not one of the workers`).toBeDefined();
      const exited = new Promise((resolve) => victim?.child.once("exit", resolve));
      victim?.child.kill("SIGKILL");
      await exited;
    } finally {
      await blocker.query("COMMIT");
      blocker.release();
    }
    const run = await until("the run to finish", async () => {
      const r = await pool.query<{ status: string; error: string | null }>(
        `SELECT status::text, error FROM "RescoringRun" WHERE id = $1`,
        [runId],
      );
      return r.rows[0]?.status === "RUNNING" ? undefined : r.rows[0];
    });
    expect(run, workers.map((w) => w.output()).join("\n")).toEqual({ status: "SUCCEEDED", error: null });

    // Chunk 1 was taken twice and finished by the survivor, which resumed after the first part's commit.
    const chunk1 = (
      await pool.query<{ attempts: number; claimedBy: string; loansDone: number }>(
        `SELECT attempts, "claimedBy", "loansDone" FROM "RescoringChunk" WHERE "runId" = $1 AND index = 1`,
        [runId],
      )
    ).rows[0];
    expect(chunk1?.attempts).toBeGreaterThanOrEqual(2);
    expect(chunk1?.loansDone).toBe(CHUNK_LOANS);

    const scoresPerLoan = await pool.query<{ n: number }>(
      `SELECT count(rs.id)::int AS n FROM "Loan" l LEFT JOIN "RiskScore" rs ON rs."loanId" = l.id
       WHERE l."portfolioId" = $1 GROUP BY l.id`,
      [portfolio.id],
    );
    expect(scoresPerLoan.rows).toHaveLength(LOANS);
    expect(scoresPerLoan.rows.every((r) => r.n === 1)).toBe(true);

    const recommendations = await pool.query<{ loans: number; recs: number; active: number }>(
      `SELECT count(DISTINCT r."loanId")::int AS loans, count(*)::int AS recs,
              count(*) FILTER (WHERE r.status = 'ACTIVE')::int AS active
       FROM "Recommendation" r JOIN "Loan" l ON l.id = r."loanId" WHERE l."portfolioId" = $1`,
      [portfolio.id],
    );
    expect(recommendations.rows[0]).toEqual({ loans: LOANS, recs: LOANS, active: LOANS });

    const doubleOpen = await pool.query(
      `SELECT t."loanId" FROM "Task" t JOIN "Loan" l ON l.id = t."loanId"
       WHERE l."portfolioId" = $1 AND t.status IN ('OPEN', 'IN_PROGRESS') GROUP BY t."loanId" HAVING count(*) > 1`,
      [portfolio.id],
    );
    expect(doubleOpen.rows).toEqual([]);

    // Every agent filled to capacity, none beyond, and more work than room left unassigned.
    const load = await pool.query<{ open: number }>(
      `SELECT count(t.id)::int AS open FROM "User" u
       LEFT JOIN "Task" t ON t."assigneeId" = u.id AND t.status IN ('OPEN', 'IN_PROGRESS')
       WHERE u.id = ANY($1::uuid[]) GROUP BY u.id`,
      [agents],
    );
    expect(load.rows.map((r) => r.open)).toEqual([AGENT_CAPACITY, AGENT_CAPACITY, AGENT_CAPACITY]);
    const summary = (
      await pool.query<{ loans: number; unassigned: number }>(
        `SELECT sum((summary->>'loans')::int)::int AS loans, sum((summary->>'unassigned')::int)::int AS unassigned
         FROM "RescoringChunk" WHERE "runId" = $1`,
        [runId],
      )
    ).rows[0];
    expect(summary?.loans).toBe(LOANS);
    expect(summary?.unassigned).toBeGreaterThan(0);

    // The survivor stops when told to (after its current chunk, of which there is none).
    const survivor = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null);
    const stopped = new Promise((resolve) => survivor?.child.once("exit", resolve));
    survivor?.child.kill("SIGTERM");
    expect(await stopped).toBe(0);
  });

  it("queue one scheduled run per portfolio and interval, however many schedulers tick", async () => {
    const replica = async () => {
      const own = createPgPool(inject("databaseUrl"), 2);
      const queue = new JobQueue({
        connectionString: inject("databaseUrl"),
        onError: (err) => logger.error({ err: err.message }, "job queue error"),
      });
      await queue.start();
      await scheduleRescoring(queue, 30);
      const models = new ModelRegistry(inject("servedModelDir"));
      await models.load();
      const policies = new PolicyService(new PolicyRepository(db));
      const parts: ScheduleParts = {
        pool: own,
        jobs: queue,
        deps: () => rescoreDeps({ pool: own, models, scoring: new ScoringService(models), policies }),
        // One chunk per portfolio: the runs are deleted unworked, and few jobs are left to find nothing.
        settings: { ...settings, chunkLoans: 1_000_000 },
        log: logger,
      };
      return { parts, close: () => Promise.all([queue.stop(1000), own.end()]) };
    };
    const [a, b] = await Promise.all([replica(), replica()]);
    const now = new Date();
    try {
      const worked = (
        await pool.query<{ id: string }>(`SELECT id FROM "Portfolio" WHERE kind = 'OPERATIONAL'`)
      ).rows.map((r) => r.id);
      // Both replicas tick in the same interval, at once and then again: one run per worked portfolio.
      const first = await Promise.all([
        rescoreOnSchedule(a.parts, 30, now),
        rescoreOnSchedule(b.parts, 30, now),
      ]);
      const again = await rescoreOnSchedule(b.parts, 30, new Date(now.getTime() + 1000));
      expect(first.flat()).toHaveLength(worked.length);
      expect(again).toEqual([]);
      const runs = await pool.query<{ portfolioId: string }>(
        `SELECT "portfolioId" FROM "RescoringRun" WHERE trigger = 'schedule'`,
      );
      expect(runs.rows.map((r) => r.portfolioId).sort()).toEqual([...worked].sort());
    } finally {
      // Nothing is left to run in later test files: no schedule, no queued run.
      await scheduleRescoring(jobs, 0);
      await pool.query(`DELETE FROM "RescoringRun" WHERE trigger = 'schedule'`);
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("mark a run failed, with the error, once a chunk has failed its last attempt", async () => {
    const models = new ModelRegistry(inject("servedModelDir"));
    await models.load();
    const policies = new PolicyService(new PolicyRepository(db));
    await startRescoreWorker(jobs, {
      pool,
      deps: () => rescoreDeps({ pool, models, scoring: new ScoringService(models), policies }),
      log: logger,
      settings,
    });
    // Queued for a model no worker serves: every attempt is refused.
    const runId = await enqueueRescoring(pool, jobs, settings, {
      portfolio,
      modelVersion: "a-model-nobody-serves",
      trigger: "test",
    });
    const run = await until("the run to fail", async () => {
      const r = await pool.query<{ status: string; error: string | null }>(
        `SELECT status::text, error FROM "RescoringRun" WHERE id = $1`,
        [runId],
      );
      return r.rows[0]?.status === "RUNNING" ? undefined : r.rows[0];
    });
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/failed 4 times; last: .*queued for a-model-nobody-serves/);
  }, 120_000);

  it("share agents' capacity between writers assigning at the same moment", async () => {
    const name = `Capacity ${randomUUID().slice(0, 8)}`;
    await writeSyntheticPortfolio({
      pool,
      plan: planPortfolio({ loans: 120, seed: 29, asOf: "2026-10-31" }),
      portfolioName: name,
    });
    const shared = (await new LoanHistoryRepository(pool).portfolio(name)) as PortfolioRef;
    morePortfolios.push(shared.id);
    // Two fresh agents with room for three tasks each are the only ones working.
    await pool.query(`UPDATE "User" SET active = false WHERE id = ANY($1::uuid[])`, [agents]);
    const fresh: string[] = [];
    for (let i = 0; i < 2; i++) {
      const u = await db.user.create({
        data: {
          email: `capacity-agent-${i}-${randomUUID().slice(0, 8)}@test.local`,
          displayName: `Capacity agent ${i}`,
          role: "AGENT",
          passwordHash: "x",
          capacity: 3,
        },
      });
      fresh.push(u.id);
      agents.push(u.id);
    }
    const models = new ModelRegistry(inject("servedModelDir"));
    await models.load();
    const deps = (await rescoreDeps({
      pool,
      models,
      scoring: new ScoringService(models),
      policies: new PolicyService(new PolicyRepository(db)),
    })) as RescoreDeps;
    const ids = (
      await pool.query<{ id: string }>(`SELECT id FROM "Loan" WHERE "portfolioId" = $1 ORDER BY id`, [
        shared.id,
      ])
    ).rows.map((r) => r.id);
    const middle = ids[ids.length / 2 - 1] as string;
    // The agents' rows are held, so the first writer to give one a task waits there, after it has counted
    // their room; the test lets go once both writers wait (on it, or on each other).
    const holder = await pool.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM "User" WHERE id = ANY($1::uuid[]) FOR UPDATE`, [fresh]);
    let halves: Promise<unknown>[] = [];
    try {
      const half = (range: { after?: string; through: string }) =>
        rescorePortfolio({ ...deps, threads: 0 }, shared, new Date(), undefined, { events: "none", range });
      halves = [half({ through: middle }), half({ after: middle, through: ids.at(-1) as string })];
      for (const h of halves) h.catch(() => {});
      await until("both writers waiting", async () => {
        const waiting = await pool.query(`SELECT 1 FROM pg_locks WHERE NOT granted`);
        return (waiting.rowCount ?? 0) >= 2 ? true : undefined;
      });
    } finally {
      await holder.query("COMMIT");
      holder.release();
    }
    const summaries = (await Promise.all(halves)) as { tasksCreated: number; unassigned: number }[];
    const load = await pool.query<{ open: number }>(
      `SELECT count(t.id)::int AS open FROM "User" u
       LEFT JOIN "Task" t ON t."assigneeId" = u.id AND t.status IN ('OPEN', 'IN_PROGRESS')
       WHERE u.id = ANY($1::uuid[]) GROUP BY u.id`,
      [fresh],
    );
    expect(load.rows.map((r) => r.open)).toEqual([3, 3]);
    expect(summaries.reduce((n, s) => n + s.unassigned, 0)).toBeGreaterThan(0);
  });
});
