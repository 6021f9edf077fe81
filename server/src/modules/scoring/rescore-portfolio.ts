import type pg from "pg";
import { AuditService } from "../../core/audit/audit.service.js";
import { config } from "../../core/config/config.js";
import { inTransaction } from "../../core/db/pg-transaction.js";
import type { AppPubSub } from "../../core/pubsub/pubsub.js";
import { storeDelinquency } from "../features/delinquency-refresh.js";
import {
  LoanHistoryRepository,
  type PortfolioRef,
  type StoredLoanHistory,
} from "../features/loan-history.repository.js";
import type { PromiseRule, PromiseState } from "../features/promise-status.js";
import { copyRows } from "../imports/bulk/copy-rows.js";
import { bucketForDpd } from "../loans/delinquency-bucket.js";
import { isWorked } from "../portfolio/portfolio-kind.js";
import { pastContacts } from "../recommendations/contact-rules.js";
import type { Policy } from "../recommendations/policy.js";
import type { PolicyService } from "../recommendations/policy.service.js";
import { recommend } from "../recommendations/recommend.js";
import { type InsertedTask, TaskAlignmentRepository } from "../tasks/task-alignment.repository.js";
import { announceNewTasks } from "../tasks/task-events.js";
import type { ModelCard } from "./model-card.js";
import type { ModelRegistry } from "./model-registry.js";
import { RescoreThreads } from "./rescore-threads.js";
import type { ScoringService } from "./scoring.service.js";

/** Chunks read but not yet written: enough to keep the threads computing while earlier chunks are written. */
const CHUNKS_IN_FLIGHT = 3;

/** Loans turned into rows between two turns of the event loop. */
const YIELD_EVERY = 100;

export interface RescoreSummary {
  loans: number;
  scoresWritten: number;
  bucketChanges: number;
  recommendationsCreated: number;
  recommendationsUnchanged: number;
  tasksCreated: number;
  tasksUpdated: number;
  /** Started tasks that disagree with their loan's recommendation: never rewritten. */
  tasksLeftAlone: number;
  /** Unstarted tasks cancelled because the loan's recommendation is an automated reminder. */
  tasksCancelled: number;
  unassigned: number;
}

export interface RescoreDeps {
  pool: pg.Pool;
  histories: LoanHistoryRepository;
  scoring: ScoringService;
  card: ModelCard;
  policy: Policy;
  promiseRule: PromiseRule;
  pubsub?: AppPubSub;
  /** Worker threads for features and reasons (default: the configured `RESCORE_THREADS`). */
  threads?: number;
  /** Where each run is recorded (what it changed, with which model and policy); none when absent. */
  audit?: AuditService;
}

/**
 * A rescoring's dependencies from the loaded model and the active policy, for the CLI, the server's schedule,
 * the demo and the benchmark alike; null when no model is loaded.
 */
export async function rescoreDeps(parts: {
  pool: pg.Pool;
  models: ModelRegistry;
  scoring: ScoringService;
  policies: PolicyService;
  pubsub?: AppPubSub;
  audit?: AuditService;
}): Promise<RescoreDeps | null> {
  const card = parts.models.card();
  if (!card) return null;
  return {
    pool: parts.pool,
    histories: new LoanHistoryRepository(parts.pool),
    scoring: parts.scoring,
    card,
    policy: await parts.policies.active(),
    promiseRule: config().promiseRule,
    pubsub: parts.pubsub,
    audit: parts.audit ?? new AuditService(parts.pool),
  };
}

/** Agents with room for more work, the one with the most room first; a simple capacity-balancing queue. */
class AgentQueue {
  constructor(private readonly agents: { id: string; teamId: string | null; free: number }[]) {}

  static async load(client: pg.PoolClient | pg.Pool): Promise<AgentQueue> {
    const res = await client.query<{ id: string; teamId: string | null; free: number }>(
      `SELECT u.id, u."teamId", u.capacity - count(t.id)::int AS free FROM "User" u
       LEFT JOIN "Task" t ON t."assigneeId" = u.id AND t.status IN ('OPEN', 'IN_PROGRESS')
       WHERE u.role = 'AGENT' AND u.active GROUP BY u.id ORDER BY u.id`,
    );
    return new AgentQueue(res.rows);
  }

  take(): { id: string; teamId: string | null } | null {
    let best: (typeof this.agents)[number] | undefined;
    for (const a of this.agents) if (a.free > 0 && (!best || a.free > best.free)) best = a;
    if (!best) return null;
    best.free--;
    return best;
  }
}

/**
 * Rescores a portfolio as of its date: features, probability, tier and reasons for every loan, days past
 * due and buckets, the policy's recommendation (within the contact rules), and the task that carries it out.
 * Each chunk commits in one transaction. A re-run with nothing new writes nothing new: scores are one per
 * loan, model and day; an unchanged recommendation is kept; unstarted tasks that disagree with their loan's
 * recommendation are brought in line or cancelled; tasks an agent started or finished are never touched.
 * A reference portfolio (training data, worked by nobody) gets scores, buckets and recommendations but no
 * task is created, updated or cancelled.
 */
export async function rescorePortfolio(
  deps: RescoreDeps,
  portfolio: PortfolioRef,
  now = new Date(),
  onProgress: (s: RescoreSummary) => void = () => {},
): Promise<RescoreSummary> {
  const { pool, card, policy } = deps;
  const summary: RescoreSummary = {
    loans: 0,
    scoresWritten: 0,
    bucketChanges: 0,
    recommendationsCreated: 0,
    recommendationsUnchanged: 0,
    tasksCreated: 0,
    tasksUpdated: 0,
    tasksLeftAlone: 0,
    tasksCancelled: 0,
    unassigned: 0,
  };
  const mv = await pool.query<{ id: string }>(
    `INSERT INTO "ModelVersion" (version, algorithm, card, active) VALUES ($1, $2, $3, true)
     ON CONFLICT (version) DO UPDATE SET active = true RETURNING id`,
    [card.version, card.algorithm, card],
  );
  const modelVersionId = mv.rows[0]?.id as string;
  await pool.query(`UPDATE "ModelVersion" SET active = false WHERE id <> $1 AND active`, [modelVersionId]);
  const worked = isWorked(portfolio.kind);
  const agents = worked ? await AgentQueue.load(pool) : new AgentQueue([]);

  type Chunk = StoredLoanHistory[];

  const prepare = async (chunk: Chunk) => {
    const scoreRows: unknown[][] = [];
    const recRows: unknown[][] = [];
    const { vectors, reasons, promise, delinquency } = await threads.compute(chunk, portfolio.asOfDate);
    const scores = await deps.scoring.scoreExplained(vectors, reasons, threads.version);
    for (let i = 0; i < chunk.length; i++) {
      // A turn of the event loop now and then: the write in flight waits on replies this thread handles.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const loan = chunk[i] as StoredLoanHistory;
      const score = scores[i];
      if (!score) continue;
      const dpd = delinquency.dpd[i] as number;
      const bucket = bucketForDpd(dpd);
      const reasonsJson = JSON.stringify(score.reasons);
      scoreRows.push([
        loan.loanId,
        modelVersionId,
        score.probability,
        score.tier,
        bucket,
        dpd,
        portfolio.asOfDate,
        reasonsJson,
        JSON.stringify(vectors[i]),
      ]);
      const draft = recommend(
        policy,
        {
          probability: score.probability,
          tier: score.tier,
          bucket,
          dpd,
          promise: promise[i] as PromiseState | "NONE",
          balance: loan.balance,
          reasons: score.reasons,
          borrower: loan.contact,
          contacts: pastContacts(loan.history.contacts),
        },
        now,
      );
      recRows.push([
        loan.loanId,
        draft.actionType,
        draft.channel,
        draft.priority,
        draft.dueAt.toISOString(),
        draft.rationale,
        reasonsJson,
        String(draft.policyVersion),
      ]);
    }
    return { scoreRows, recRows, delinquency };
  };

  // Scores, recommendations and tasks in one transaction; delinquency (days past due, buckets, promise
  // states) in another, on a second connection at the same time: they touch different rows, and a chunk's
  // writes are a chain of round trips that would otherwise leave PostgreSQL's second core idle. If either
  // fails the rescoring stops, and a re-run completes what is missing.
  const writeScoresAndWork = async (
    client: pg.PoolClient,
    { scoreRows, recRows }: Awaited<ReturnType<typeof prepare>>,
  ) => {
    const opened: InsertedTask[] = [];
    // One round trip for the staging tables (dropped at commit): the chunk's writes are a chain of
    // statements, and each round trip waits on both ends.
    await client.query(
      `CREATE TEMP TABLE stage_score (loan uuid, mv uuid, p float8, tier text, bucket text, dpd int, asof date, reasons jsonb, features jsonb) ON COMMIT DROP;
         CREATE TEMP TABLE stage_rec (loan uuid, action text, channel text, priority int, due timestamptz, rationale text, reasons jsonb, policy text) ON COMMIT DROP`,
    );
    await copyRows(
      client,
      "stage_score",
      ["loan", "mv", "p", "tier", "bucket", "dpd", "asof", "reasons", "features"],
      scoreRows,
    );
    const written = await client.query(
      `INSERT INTO "RiskScore" ("loanId", "modelVersionId", probability, tier, bucket, dpd, "asOfDate", reasons, features)
         SELECT loan, mv, p, tier::"RiskTier", bucket::"DelinquencyBucket", dpd, asof, reasons, features FROM stage_score
         ON CONFLICT ("loanId", "modelVersionId", "asOfDate") DO UPDATE SET probability = EXCLUDED.probability, tier = EXCLUDED.tier,
           bucket = EXCLUDED.bucket, dpd = EXCLUDED.dpd, reasons = EXCLUDED.reasons, features = EXCLUDED.features, "scoredAt" = now()
         WHERE ("RiskScore".probability, "RiskScore".tier, "RiskScore".bucket, "RiskScore".dpd, "RiskScore".reasons, "RiskScore".features)
           IS DISTINCT FROM (EXCLUDED.probability, EXCLUDED.tier, EXCLUDED.bucket, EXCLUDED.dpd, EXCLUDED.reasons, EXCLUDED.features)`,
    );
    summary.scoresWritten += written.rowCount ?? 0;

    // A recommendation that says the same as the active one is kept (its due time too); otherwise the
    // active one is superseded by the new one.
    await copyRows(
      client,
      "stage_rec",
      ["loan", "action", "channel", "priority", "due", "rationale", "reasons", "policy"],
      recRows,
    );
    await client.query(
      `UPDATE "Recommendation" r SET status = 'SUPERSEDED', "updatedAt" = now() FROM stage_rec s
         WHERE r."loanId" = s.loan AND r.status = 'ACTIVE'
           AND (r."actionType"::text, r.channel::text, r.priority, r.rationale) IS DISTINCT FROM (s.action, s.channel, s.priority, s.rationale)`,
    );
    const created = await client.query(
      `INSERT INTO "Recommendation" ("loanId", "riskScoreId", "policyVersion", "actionType", channel, priority, "dueAt", rationale, reasons, "updatedAt")
         SELECT s.loan, rs.id, s.policy, s.action::"ActionType", s.channel::"CommunicationChannel", s.priority, s.due, s.rationale, s.reasons, now()
         FROM stage_rec s
         LEFT JOIN "RiskScore" rs ON rs."loanId" = s.loan AND rs."modelVersionId" = $1 AND rs."asOfDate" = $2::date
         WHERE NOT EXISTS (SELECT 1 FROM "Recommendation" r WHERE r."loanId" = s.loan AND r.status = 'ACTIVE')`,
      [modelVersionId, portfolio.asOfDate],
    );
    summary.recommendationsCreated += created.rowCount ?? 0;
    summary.recommendationsUnchanged += recRows.length - (created.rowCount ?? 0);

    // Nobody works a reference portfolio: no task is created, updated or cancelled there.
    if (worked) {
      // Tasks follow every scored loan's active recommendation, not only new ones: a task made by the
      // synthetic generator or an import, or left behind by an earlier policy, is brought in line too.
      const loanIds = recRows.map((r) => r[0] as string);
      const tasks = new TaskAlignmentRepository(client);
      const sync = await tasks.syncOpenTasks(loanIds);
      summary.tasksCancelled += sync.cancelled;
      summary.tasksUpdated += sync.aligned;
      summary.tasksLeftAlone += sync.leftAlone;
      // Escalations go to the managers' queue (no agent); other work to the agent with most room.
      const inserts = (await tasks.findRecommendationsNeedingTask(loanIds)).map((rec) => {
        const agent = rec.actionType === "ESCALATE_TO_RECOVERY_MANAGER" ? null : agents.take();
        if (!agent) summary.unassigned++;
        return { ...rec, assigneeId: agent?.id ?? null, teamId: agent?.teamId ?? null };
      });
      const inserted = await tasks.insertTasks(inserts);
      summary.tasksCreated += inserted.length;
      opened.push(...inserted);
    }
    return opened;
  };

  const write = async (chunk: Chunk, prepared: Awaited<ReturnType<typeof prepare>>) => {
    const [delinquency, work] = await Promise.allSettled([
      inTransaction(pool, (client) => storeDelinquency(client, prepared.delinquency)),
      inTransaction(pool, (client) => writeScoresAndWork(client, prepared)),
    ]);
    if (delinquency.status === "rejected") throw delinquency.reason;
    if (work.status === "rejected") throw work.reason;
    summary.bucketChanges += delinquency.value;
    // Live updates only for work that is really committed.
    if (deps.pubsub) announceNewTasks(deps.pubsub, work.value, "rescoring");
    summary.loans += chunk.length;
    onProgress(summary);
  };

  // Chunks are computed ahead (features and reasons in worker threads) while earlier ones are written. Writes
  // go one chunk at a time, in order, so agents' capacity is handed out as before; the history stream reads
  // ahead on its own.
  const threads = RescoreThreads.shared(
    { card, promiseRule: deps.promiseRule },
    deps.threads ?? config().rescoreThreads,
  );
  // Each chunk's write is chained after the previous chunk's, and starts as soon as its own compute is done;
  // reading stops only while CHUNKS_IN_FLIGHT chunks are read but not yet written.
  let failure: { error: unknown } | undefined;
  let chain: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  try {
    for await (const chunk of deps.histories.stream(portfolio, 2000)) {
      if (failure) break;
      const prepared = prepare(chunk).catch((error: unknown) => {
        failure ??= { error };
        return null;
      });
      chain = chain.then(async () => {
        const p = await prepared;
        if (failure || !p) return;
        await write(chunk, p).catch((error: unknown) => {
          failure ??= { error };
        });
      });
      inFlight.push(chain);
      if (inFlight.length >= CHUNKS_IN_FLIGHT) await inFlight.shift();
    }
  } catch (error) {
    failure ??= { error };
  } finally {
    // Nothing may still run once the caller hears of a failure: a late write would commit after it.
    await chain;
  }
  // The run is a batch of changes made by no person: one record says what it changed and with what.
  const recorded = deps.audit?.record({
    action: "rescore.portfolio",
    entityType: "Portfolio",
    entityId: portfolio.id,
    outcome: failure ? "FAILURE" : "SUCCESS",
    details: {
      ...summary,
      asOfDate: portfolio.asOfDate,
      modelVersion: card.version,
      policyVersion: policy.version,
      ...(failure ? { error: String((failure.error as Error)?.message ?? failure.error).slice(0, 300) } : {}),
    },
  });
  // When the run failed, its own error says more than one from the audit write.
  await (failure ? recorded?.catch(() => {}) : recorded);
  if (failure) throw failure.error;
  return summary;
}
