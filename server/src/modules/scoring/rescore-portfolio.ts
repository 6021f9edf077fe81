import type pg from "pg";
import { AuditService } from "../../core/audit/audit.service.js";
import { config } from "../../core/config/config.js";
import { inTransaction } from "../../core/db/pg-transaction.js";
import { AppError, ErrorCode } from "../../core/errors/app-error.js";
import type { AppPubSub } from "../../core/pubsub/pubsub.js";
import { pastContacts } from "../contact-rules/contact-rules.js";
import { changesNothing, storeDelinquency } from "../features/delinquency-refresh.js";
import {
  LoanHistoryRepository,
  type PortfolioRef,
  type StoredLoanHistory,
} from "../features/loan-history.repository.js";
import type { PromiseRule } from "../features/promise-status.js";
import { enqueueAutomatedMessages } from "../messaging/outbound-queue.js";
import { isWorked } from "../portfolio/portfolio-kind.js";
import type { Policy } from "../recommendations/policy.js";
import type { PolicyService } from "../recommendations/policy.service.js";
import type { RecommendationDraft } from "../recommendations/recommend.js";
import { AgentQueue } from "../tasks/agent-queue.js";
import { TaskAlignmentRepository } from "../tasks/task-alignment.repository.js";
import type { CollectionModels, CollectionScorer } from "./collection-scoring.js";
import { decideLoans } from "./loan-decision.js";
import type { ModelCard } from "./model-card.js";
import type { ModelRegistry } from "./model-registry.js";
import {
  type PropensityRow,
  type RecommendationRow,
  RescoreRepository,
  type ScoreRow,
} from "./rescore.repository.js";
import { type ChunkChanges, RescoreEvents } from "./rescore-events.js";
import type { RescorePhases } from "./rescore-phases.js";
import { RescoreThreads } from "./rescore-threads.js";
import type { ScoringService } from "./scoring.service.js";

/** Chunks read but not yet written: enough to keep the threads computing while earlier chunks are written. */
const CHUNKS_IN_FLIGHT = 3;

/** Which loans a run covers and how it tells live subscribers. */
export interface RescoreScope {
  /** Only these loans of the portfolio (rescoreLoan); every loan when absent. */
  loanIds?: string[];
  /**
   * `coalesced` (a batch run): one event per audience at the end; `each`: every change at once, as a
   * person's change (a single loan's run). Default: each when `loanIds` is given, else coalesced.
   */
  events?: "coalesced" | "each" | "none";
  /** Who the events name as having made the change (default "rescoring"). */
  actorId?: string;
  /** Where the run adds up the time of each phase (the benchmark prints it); not measured when absent. */
  phases?: RescorePhases;
  /** Only the portfolio's loans with ids in (after, through]: a queued run's chunk (rescore-queue.ts). */
  range?: { after?: string | null; through: string };
  /**
   * Called in each commit's transaction, after its writes: a queued run's chunk records its progress there,
   * so that the progress commits (or not) with the writes it counts. It may throw to roll them back.
   */
  onCommit?: (client: pg.PoolClient, commit: CommittedPart) => Promise<void>;
}

/** What one transaction of a rescoring wrote: its loans (in id order) and its counts. */
export interface CommittedPart {
  lastLoanId: string;
  summary: RescoreSummary;
  changes: ChunkChanges;
}

/**
 * A batch rescoring's chunk transactions do not wait for their commit to reach the disk (each chunk waited
 * for two WAL flushes, one per connection). A rescoring derives everything it writes from stored data and is
 * re-runnable (a re-run completes what is missing and rewrites nothing already there), so a crash loses at
 * most the last chunks' commits, which the next run redoes; PostgreSQL still keeps or loses each transaction
 * whole, so nothing is left half-written. A single loan's rescoring (a person's request) commits as usual.
 */
async function relaxCommit(client: pg.PoolClient, batch: boolean) {
  if (batch) await client.query("SET LOCAL synchronous_commit = off");
}

/** A recommendation's contact verdict as its staged columns. */
function contactColumns(d: RecommendationDraft) {
  const c = d.contact;
  return [
    c ? c.allowed : null,
    `{${c?.rules.join(",") ?? ""}}`,
    c?.reason ?? null,
    c?.nextAllowedAt?.toISOString() ?? null,
  ] as const;
}

export interface RescoreSummary {
  loans: number;
  scoresWritten: number;
  /** Propensity-to-pay scores of past-due loans, new or changed (none without a propensity model). */
  propensityScoresWritten: number;
  bucketChanges: number;
  recommendationsCreated: number;
  recommendationsUnchanged: number;
  tasksCreated: number;
  tasksUpdated: number;
  /** Started tasks that disagree with their loan's recommendation: never rewritten. */
  tasksLeftAlone: number;
  /** Unstarted tasks cancelled: the loan's recommendation is an automated reminder, or it owes nothing. */
  tasksCancelled: number;
  unassigned: number;
  /** Automated reminders queued as outbound messages (never tasks), and queued ones whose advice changed. */
  messagesQueued: number;
  messagesCancelled: number;
}

export const emptySummary = (): RescoreSummary => ({
  loans: 0,
  scoresWritten: 0,
  propensityScoresWritten: 0,
  bucketChanges: 0,
  recommendationsCreated: 0,
  recommendationsUnchanged: 0,
  tasksCreated: 0,
  tasksUpdated: 0,
  tasksLeftAlone: 0,
  tasksCancelled: 0,
  unassigned: 0,
  messagesQueued: 0,
  messagesCancelled: 0,
});

/** `into` plus `more`, count by count (stored JSON may lack a count: it adds nothing). */
export function addSummary(into: RescoreSummary, more: Partial<RescoreSummary>): RescoreSummary {
  for (const k of Object.keys(into) as (keyof RescoreSummary)[]) into[k] += more[k] ?? 0;
  return into;
}

export interface RescoreDeps {
  pool: pg.Pool;
  histories: LoanHistoryRepository;
  scoring: ScoringService;
  /** The propensity-to-pay model, scored for past-due loans when it serves; none when absent. */
  propensity?: CollectionScorer;
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
  /** The collection scores' models: past-due loans get a propensity to pay when its model serves. */
  collectionModels?: CollectionModels;
  pubsub?: AppPubSub;
  audit?: AuditService;
}): Promise<RescoreDeps | null> {
  const card = parts.models.card();
  if (!card) return null;
  return {
    pool: parts.pool,
    histories: new LoanHistoryRepository(parts.pool),
    scoring: parts.scoring,
    propensity: parts.collectionModels?.propensity,
    card,
    policy: await parts.policies.active(),
    promiseRule: config().promiseRule,
    pubsub: parts.pubsub,
    audit: parts.audit ?? new AuditService(parts.pool),
  };
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
  scope: RescoreScope = {},
): Promise<RescoreSummary> {
  const { pool, card, policy } = deps;
  const phases = scope.phases;
  const timed = <T>(phase: Parameters<RescorePhases["add"]>[0], work: () => Promise<T>) =>
    phases ? phases.time(phase, work) : work();
  const summary = emptySummary();
  const modelVersionId = await RescoreRepository.activateModelVersion(pool, card);
  // The propensity model as the run starts (if one serves): its version row, and the scorer it is read from.
  const propensityCard = deps.propensity?.models.card();
  const propensityVersionId = propensityCard
    ? await RescoreRepository.activateModelVersion(pool, propensityCard, "PROPENSITY_TO_PAY")
    : null;
  const worked = isWorked(portfolio.kind);
  const batch = scope.loanIds === undefined;
  const events = new RescoreEvents(
    deps.pubsub,
    scope.events ?? (scope.loanIds ? "each" : "coalesced"),
    portfolio.id,
    scope.actorId,
  );

  type Chunk = StoredLoanHistory[];

  // Features and reasons (in the threads), then the one per-loan decision, turned into staged rows.
  const prepare = async (chunk: Chunk) => {
    const { vectors, reasons, overdue, promise, arrangement, delinquency } = await timed("threads", () =>
      threads.compute(chunk, portfolio.asOfDate),
    );
    const decisions = await decideLoans(
      { scoring: deps.scoring, propensity: propensityCard ? deps.propensity : undefined },
      policy,
      chunk.map((loan, i) => ({
        vector: vectors[i] as (typeof vectors)[number],
        dpd: delinquency.dpd[i] as number,
        overdue: overdue[i] as number,
        promise: promise[i] ?? "NONE",
        arrangement: arrangement[i] ?? "NONE",
        balance: loan.balance,
        borrower: loan.contact,
        contacts: pastContacts(loan.history.contacts),
      })),
      { reasons, explainedBy: threads.version },
      now,
      phases && ((part, ms) => phases.add(part, ms)),
    );
    const rowsStarted = performance.now();
    const scoreRows: ScoreRow[] = [];
    const recRows: RecommendationRow[] = [];
    const propensityRows: PropensityRow[] = [];
    decisions.forEach(({ score, bucket, dpd, propensity, recommendation: draft }, i) => {
      const loanId = (chunk[i] as StoredLoanHistory).loanId;
      if (propensity && propensityVersionId) {
        if (propensity.score.modelVersion !== propensityCard?.version) {
          throw new AppError(
            ErrorCode.CONFLICT,
            `The propensity model changed from ${propensityCard?.version} to ${propensity.score.modelVersion} during the run; run it again to score with the new model`,
          );
        }
        propensityRows.push([
          loanId,
          propensityVersionId,
          propensity.score.probability,
          propensity.overdue.toFixed(2),
          propensity.expectedRecovery.toFixed(2),
          portfolio.asOfDate,
          JSON.stringify(propensity.score.reasons),
          JSON.stringify(propensity.vector),
        ]);
      }
      const reasonsJson = JSON.stringify(score.reasons);
      const features = JSON.stringify(vectors[i]);
      scoreRows.push([
        loanId,
        modelVersionId,
        score.probability,
        score.tier,
        bucket,
        dpd,
        portfolio.asOfDate,
        reasonsJson,
        features,
      ]);
      recRows.push([
        loanId,
        draft.actionType,
        draft.channel,
        draft.priority,
        draft.dueAt.toISOString(),
        draft.rationale,
        String(draft.policyVersion),
        ...contactColumns(draft),
      ]);
    });
    const staged = RescoreRepository.render(scoreRows, recRows, propensityRows);
    phases?.add("policy", performance.now() - rowsStarted);
    return { staged, delinquency };
  };

  // Scores, recommendations, tasks and outbound messages in one transaction; delinquency (days past due,
  // buckets, promise states) in another, on a second connection at the same time: they touch different rows,
  // and a chunk's writes are a chain of round trips that would otherwise leave PostgreSQL's second core idle.
  // If either fails the rescoring stops, and a re-run completes what is missing.
  const writeScoresAndWork = async (
    client: pg.PoolClient,
    { staged }: Awaited<ReturnType<typeof prepare>>,
    summary: RescoreSummary,
  ): Promise<Omit<ChunkChanges, "loans">> => {
    const repo = new RescoreRepository(client);
    const created = await timed("scoreWrites", async () => {
      await repo.stage(staged);
      summary.scoresWritten += await repo.upsertStagedScores();
      summary.propensityScoresWritten += await repo.upsertStagedPropensity();
      return repo.replaceStagedRecommendations(modelVersionId, portfolio.asOfDate);
    });
    summary.recommendationsCreated += created.length;
    summary.recommendationsUnchanged += staged.loanIds.length - created.length;
    // Nobody works a reference portfolio: no task is created, updated or cancelled there, no message queued.
    if (!worked) return { recommendations: created.map((r) => ({ ...r, owner: null })), assigned: [] };
    const { loanIds } = staged;
    const { assigned, owners } = await timed("taskAlignment", () =>
      alignTasks(
        client,
        loanIds,
        created.map((r) => r.loanId),
        summary,
      ),
    );
    // Automated reminders go out as messages, committed with the recommendations they carry out; queued
    // messages of superseded recommendations are cancelled. The chunk's loans bound the statements (a run
    // covers every loan of its portfolio, a chunk at a time), so no statement scans the whole portfolio.
    const messages = await timed("messageQueueing", () => enqueueAutomatedMessages(client, { loanIds }, now));
    summary.messagesQueued += messages.queued;
    summary.messagesCancelled += messages.cancelled;
    return {
      recommendations: created.map((r) => ({ ...r, owner: owners.get(r.loanId) ?? null })),
      assigned,
    };
  };

  // Tasks follow every scored loan's active recommendation, not only new ones: a task made by the synthetic
  // generator or an import, or left behind by an earlier policy, is brought in line too. Escalations go to
  // the managers' queue (no agent); other work to the agent with most room, as the database counts it when
  // the chunk assigns (AgentQueue.claim): every process rescoring at the same time shares the same room.
  const alignTasks = async (
    client: pg.PoolClient,
    loanIds: string[],
    newRecommendationLoans: string[],
    summary: RescoreSummary,
  ) => {
    const tasks = new TaskAlignmentRepository(client);
    const sync = await tasks.syncOpenTasks(loanIds);
    summary.tasksCancelled += sync.cancelled;
    summary.tasksUpdated += sync.aligned;
    summary.tasksLeftAlone += sync.leftAlone;
    const needing = await tasks.findRecommendationsNeedingTask(loanIds);
    const escalates = (r: { actionType: string }) => r.actionType === "ESCALATE_TO_RECOVERY_MANAGER";
    const agents = needing.some((r) => !escalates(r)) ? await AgentQueue.claim(client) : null;
    const inserts = needing.map((rec) => {
      const agent = escalates(rec) ? null : (agents?.take() ?? null);
      if (!agent) summary.unassigned++;
      return { ...rec, assigneeId: agent?.id ?? null, teamId: agent?.teamId ?? null };
    });
    const assigned = await tasks.insertTasks(inserts);
    summary.tasksCreated += assigned.length;
    // Who may hear of each new recommendation: its loan's open task, as it is after this chunk.
    const owners = new Map((await tasks.openTaskOwners(newRecommendationLoans)).map((o) => [o.loanId, o]));
    return { assigned, owners };
  };

  const write = async (chunk: Chunk, prepared: Awaited<ReturnType<typeof prepare>>) => {
    const part = emptySummary();
    part.loans = chunk.length;
    let inner = 0;
    // Most loans keep their delinquency from one run to the next: a chunk where nothing changed writes nothing.
    const delinquency = timed("delinquencyWrites", async () =>
      changesNothing(prepared.delinquency)
        ? 0
        : inTransaction(pool, async (client) => {
            await relaxCommit(client, batch);
            // In the server, pending promises of worked loans are the sweep's to settle and announce.
            return storeDelinquency(client, prepared.delinquency, {
              leavePending: worked && deps.pubsub !== undefined,
            });
          }),
    );
    delinquency.catch(() => {}); // awaited below; a failure of the other write must not leave it unhandled
    const [bucketChanges, work] = await Promise.allSettled([
      delinquency,
      // The transaction's own cost (connection, BEGIN, COMMIT) is what its steps leave of its time.
      timed("commit", () =>
        inTransaction(pool, async (client) => {
          const started = performance.now();
          try {
            await relaxCommit(client, batch);
            const changes = await writeScoresAndWork(client, prepared, part);
            // A queued chunk's progress counts the delinquency too, so it waits for it (committed first: a
            // crash in between leaves it written, and the retry finds nothing to change).
            if (scope.onCommit) {
              part.bucketChanges = await delinquency;
              const lastLoanId = (chunk.at(-1) as StoredLoanHistory).loanId;
              await scope.onCommit(client, {
                lastLoanId,
                summary: part,
                changes: { loans: chunk.length, ...changes },
              });
            }
            return changes;
          } finally {
            inner = performance.now() - started;
          }
        }),
      ),
    ]);
    phases?.add("commit", -inner);
    if (bucketChanges.status === "rejected") throw bucketChanges.reason;
    if (work.status === "rejected") throw work.reason;
    part.bucketChanges = bucketChanges.value;
    addSummary(summary, part);
    events.committed({ loans: chunk.length, ...work.value });
    onProgress(summary);
  };

  // Chunks are computed ahead (features and reasons in worker threads) while earlier ones are written. Writes
  // go one chunk at a time, in order (a queued chunk's progress is the last loan committed); the history
  // stream reads ahead on its own.
  // A few loans are computed here: the shared threads are for batch runs (and may be busy with one).
  const threads =
    scope.loanIds && scope.loanIds.length <= 100
      ? RescoreThreads.start({ card, promiseRule: deps.promiseRule }, 0)
      : RescoreThreads.shared(
          { card, promiseRule: deps.promiseRule },
          deps.threads ?? config().rescoreThreads,
        );
  // Each chunk's write is chained after the previous chunk's, and starts as soon as its own compute is done;
  // reading stops only while CHUNKS_IN_FLIGHT chunks are read but not yet written.
  let failure: { error: unknown } | undefined;
  let chain: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  try {
    let waited = performance.now();
    for await (const chunk of deps.histories.stream(portfolio, config().rescoreCommitLoans, scope.loanIds, {
      storedDelinquency: true,
      range: scope.range,
    })) {
      phases?.add("read", performance.now() - waited);
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
      waited = performance.now();
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
      propensityModelVersion: propensityCard?.version ?? null,
      policyVersion: policy.version,
      ...(failure ? { error: String((failure.error as Error)?.message ?? failure.error).slice(0, 300) } : {}),
    },
  });
  events.finished(!failure);
  // When the run failed, its own error says more than one from the audit write.
  await (failure ? recorded?.catch(() => {}) : recorded);
  if (failure) throw failure.error;
  return summary;
}
