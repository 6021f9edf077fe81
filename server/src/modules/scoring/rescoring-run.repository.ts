import type pg from "pg";
import { addTally, type EventTally, emptyTally } from "./rescore-events.js";
import type { CommittedPart, RescoreSummary } from "./rescore-portfolio.js";
import { addSummary, emptySummary } from "./rescore-portfolio.js";

/** A chunk of a queued run: loans with ids in (after, through] of the run's portfolio. */
export interface ChunkRange {
  index: number;
  afterLoanId: string | null;
  throughLoanId: string;
  loans: number;
}

/** A chunk as a worker claims it, with what it needs of its run. */
export interface ClaimedChunk {
  afterLoanId: string | null;
  throughLoanId: string;
  /** Where a retried chunk resumes (null: at its start). */
  committedThroughLoanId: string | null;
  done: boolean;
  runStatus: "RUNNING" | "SUCCEEDED" | "FAILED";
  portfolioId: string;
  modelVersion: string;
  asOf: Date;
}

export interface RunProgress {
  id: string;
  portfolioId: string;
  status: "RUNNING" | "SUCCEEDED" | "FAILED";
  chunksTotal: number;
  chunksDone: number;
  loansTotal: number;
  loansDone: number;
  error: string | null;
}

/** A run's totals: the sums of what its chunks committed. */
export interface RunTotals {
  portfolioId: string;
  modelVersion: string;
  summary: RescoreSummary;
  events: EventTally;
}

/** Thrown in a commit's transaction when another attempt of the same chunk committed first: it rolls back. */
export class ChunkTakenOver extends Error {
  constructor(runId: string, index: number) {
    super(`rescoring chunk ${index} of run ${runId} was taken over by another worker; this attempt stops`);
  }
}

// Every `size`-th loan of the portfolio (and its last) ends a chunk, in id order: the ranges cover each loan
// once, and a chunk's loans are read by range (an index scan), not by list.
const CHUNK_ENDS = `
  SELECT id, rn::int AS rn FROM (
    SELECT id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS n FROM "Loan" WHERE "portfolioId" = $1
  ) x WHERE rn % $2 = 0 OR rn = n ORDER BY id`;

/** The SQL of queued rescoring runs and their chunks (RescoringRun, RescoringChunk). */
export class RescoringRunRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** The portfolio's loans cut into chunks of `size` loans. */
  async chunkRanges(client: pg.PoolClient, portfolioId: string, size: number): Promise<ChunkRange[]> {
    const ends = (await client.query<{ id: string; rn: number }>(CHUNK_ENDS, [portfolioId, size])).rows;
    return ends.map((e, index) => ({
      index,
      afterLoanId: index === 0 ? null : (ends[index - 1] as { id: string }).id,
      throughLoanId: e.id,
      loans: e.rn - (index === 0 ? 0 : (ends[index - 1] as { rn: number }).rn),
    }));
  }

  /**
   * Records a run and its chunks in the caller's transaction; null when the portfolio already has a run for
   * this schedule slot (another replica's scheduler queued it).
   */
  async insertRun(
    client: pg.PoolClient,
    run: {
      portfolioId: string;
      modelVersion: string;
      asOf: Date;
      trigger: string;
      scheduleSlot: number | null;
      chunks: ChunkRange[];
    },
  ): Promise<string | null> {
    const loans = run.chunks.reduce((n, c) => n + c.loans, 0);
    const empty = run.chunks.length === 0;
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO "RescoringRun" ("portfolioId", "modelVersion", "asOf", trigger, "scheduleSlot", "chunksTotal", "loansTotal", status, "finishedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ("portfolioId", "scheduleSlot") DO NOTHING RETURNING id`,
      [
        run.portfolioId,
        run.modelVersion,
        run.asOf,
        run.trigger,
        run.scheduleSlot,
        run.chunks.length,
        loans,
        empty ? "SUCCEEDED" : "RUNNING",
        empty ? new Date() : null,
      ],
    );
    const id = inserted.rows[0]?.id;
    if (!id) return null;
    await client.query(
      `INSERT INTO "RescoringChunk" ("runId", index, "afterLoanId", "throughLoanId", loans)
       SELECT $1, * FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::int[])`,
      [
        id,
        run.chunks.map((c) => c.index),
        run.chunks.map((c) => c.afterLoanId),
        run.chunks.map((c) => c.throughLoanId),
        run.chunks.map((c) => c.loans),
      ],
    );
    return id;
  }

  /** Records that `worker` took the chunk (one more attempt) and returns where it stands. */
  async claim(runId: string, index: number, worker: string): Promise<ClaimedChunk | null> {
    const res = await this.pool.query<ClaimedChunk>(
      `WITH c AS (
         UPDATE "RescoringChunk" SET "claimedBy" = $3, attempts = attempts + 1
         WHERE "runId" = $1 AND index = $2 RETURNING *)
       SELECT c."afterLoanId", c."throughLoanId", c."committedThroughLoanId", c."doneAt" IS NOT NULL AS done,
              r.status::text AS "runStatus", r."portfolioId", r."modelVersion", r."asOf"
       FROM c JOIN "RescoringRun" r ON r.id = c."runId"`,
      [runId, index, worker],
    );
    return res.rows[0] ?? null;
  }

  /**
   * Adds a commit's loans and counts to its chunk, in the commit's own transaction, provided the chunk still
   * stands where this attempt left it (`expected`): otherwise another attempt went on meanwhile (this one was
   * taken for dead) and this commit is rolled back, so nothing is written or counted twice.
   */
  async recordCommit(
    client: pg.PoolClient,
    chunk: { runId: string; index: number; expected: string | null },
    part: CommittedPart,
    tally: EventTally,
  ): Promise<void> {
    const { runId, index } = chunk;
    const row = (
      await client.query<{
        through: string | null;
        summary: Partial<RescoreSummary>;
        events: Partial<EventTally>;
      }>(
        `SELECT "committedThroughLoanId" AS through, summary, events FROM "RescoringChunk"
         WHERE "runId" = $1 AND index = $2 FOR UPDATE`,
        [runId, index],
      )
    ).rows[0];
    if (!row || row.through !== chunk.expected) throw new ChunkTakenOver(runId, index);
    await client.query(
      `UPDATE "RescoringChunk" SET "committedThroughLoanId" = $3, "loansDone" = "loansDone" + $4, summary = $5, events = $6
       WHERE "runId" = $1 AND index = $2`,
      [
        runId,
        index,
        part.lastLoanId,
        part.summary.loans,
        addSummary(addSummary(emptySummary(), row.summary), part.summary),
        addTally(addTally(emptyTally(), row.events), tally),
      ],
    );
  }

  /** Marks the chunk done and counts it in its run; true when it was the run's last (the run succeeded). */
  async finishChunk(runId: string, index: number): Promise<boolean> {
    const res = await this.pool.query<{ finished: boolean }>(
      `WITH c AS (
         UPDATE "RescoringChunk" SET "doneAt" = now() WHERE "runId" = $1 AND index = $2 AND "doneAt" IS NULL RETURNING "runId"
       ), r AS (
         UPDATE "RescoringRun" r SET "chunksDone" = "chunksDone" + 1,
           status = CASE WHEN "chunksDone" + 1 = "chunksTotal" AND status = 'RUNNING' THEN 'SUCCEEDED'::"RescoringRunStatus" ELSE status END,
           "finishedAt" = CASE WHEN "chunksDone" + 1 = "chunksTotal" AND status = 'RUNNING' THEN now() ELSE "finishedAt" END
         FROM c WHERE r.id = c."runId"
         RETURNING r.status = 'SUCCEEDED' AND r."chunksDone" = r."chunksTotal" AND r."finishedAt" = now() AS finished
       ) SELECT finished FROM r`,
      [runId, index],
    );
    return res.rows[0]?.finished ?? false;
  }

  /** Marks the run failed (a chunk ran out of attempts); true when this call did it. */
  async failRun(runId: string, error: string): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE "RescoringRun" SET status = 'FAILED', error = $2, "finishedAt" = now() WHERE id = $1 AND status = 'RUNNING'`,
      [runId, error.slice(0, 500)],
    );
    return (res.rowCount ?? 0) > 0;
  }

  /** The sums of what the run's chunks committed. */
  async totals(runId: string): Promise<RunTotals | null> {
    const run = (
      await this.pool.query<{ portfolioId: string; modelVersion: string }>(
        `SELECT "portfolioId", "modelVersion" FROM "RescoringRun" WHERE id = $1`,
        [runId],
      )
    ).rows[0];
    if (!run) return null;
    const chunks = await this.pool.query<{ summary: Partial<RescoreSummary>; events: Partial<EventTally> }>(
      `SELECT summary, events FROM "RescoringChunk" WHERE "runId" = $1`,
      [runId],
    );
    const summary = emptySummary();
    const events = emptyTally();
    for (const c of chunks.rows) {
      addSummary(summary, c.summary);
      addTally(events, c.events);
    }
    return { ...run, summary, events };
  }

  /** Where the runs stand (loans done counts every committed transaction, whichever process made it). */
  async progress(runIds: readonly string[]): Promise<RunProgress[]> {
    return (
      await this.pool.query<RunProgress>(
        `SELECT r.id, r."portfolioId", r.status::text AS status, r."chunksTotal", r."chunksDone", r."loansTotal",
                coalesce(sum(c."loansDone"), 0)::int AS "loansDone", r.error
         FROM "RescoringRun" r LEFT JOIN "RescoringChunk" c ON c."runId" = r.id
         WHERE r.id = ANY($1::uuid[]) GROUP BY r.id`,
        [runIds],
      )
    ).rows;
  }

  /** Chunk attempts beyond the first (a worker died, or a chunk failed and was retried). */
  async retries(runId: string): Promise<number> {
    const res = await this.pool.query<{ n: number }>(
      `SELECT coalesce(sum(greatest(attempts - 1, 0)), 0)::int AS n FROM "RescoringChunk" WHERE "runId" = $1`,
      [runId],
    );
    return res.rows[0]?.n ?? 0;
  }

  /** Whether the portfolio has a run still going (a scheduled run does not start beside it). */
  async running(portfolioId: string): Promise<boolean> {
    const res = await this.pool.query(
      `SELECT 1 FROM "RescoringRun" WHERE "portfolioId" = $1 AND status = 'RUNNING' LIMIT 1`,
      [portfolioId],
    );
    return (res.rowCount ?? 0) > 0;
  }
}
