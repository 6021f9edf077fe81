import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { TEST_SYNTHETIC_PORTFOLIO } from "../../../test/served-model.js";
import { AuditService } from "../../core/audit/audit.service.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { createPrismaClient, type Db } from "../../core/db/prisma-client.js";
import {
  createAppPubSub,
  type RescoringCompletedEvent,
  type TaskAssignedEvent,
  Topic,
} from "../../core/pubsub/pubsub.js";
import { FEATURE_NAMES } from "../features/feature-catalogue.js";
import { EXPORT_FILE, exportFeatures } from "../features/feature-export.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "../features/promise-status.js";
import { DEFAULT_POLICY, type Policy } from "../recommendations/policy.js";
import { AUTOMATED_ACTIONS } from "../tasks/task-actions.js";
import { ModelRegistry } from "./model-registry.js";
import { type RescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";
import { ScoringService } from "./scoring.service.js";

describe("batch rescoring of a portfolio", () => {
  let db: Db;
  let deps: RescoreDeps;
  let portfolio: PortfolioRef;
  const pool = createPgPool(inject("databaseUrl"));
  const events: TaskAssignedEvent[] = [];
  const runs: RescoringCompletedEvent[] = [];
  let startedTaskId = "";
  const relaxed: Policy = {
    ...DEFAULT_POLICY,
    version: 2,
    rules: DEFAULT_POLICY.rules.map((r) => ({ ...r, priority: Math.min(5, r.priority + 1) })),
  };

  beforeAll(async () => {
    db = createPrismaClient(inject("databaseUrl"));
    const models = new ModelRegistry(inject("servedModelDir"));
    await models.load();
    const histories = new LoanHistoryRepository(pool);
    portfolio = (await histories.portfolio(TEST_SYNTHETIC_PORTFOLIO)) as PortfolioRef;
    const pubsub = createAppPubSub();
    void (async () => {
      for await (const e of pubsub.subscribe(Topic.TASK_ASSIGNED)) events.push(e);
    })();
    void (async () => {
      for await (const e of pubsub.subscribe(Topic.RESCORING_COMPLETED)) runs.push(e);
    })();
    deps = {
      pool,
      histories,
      scoring: new ScoringService(models),
      card: models.card() as NonNullable<ReturnType<typeof models.card>>,
      policy: DEFAULT_POLICY,
      promiseRule: DEFAULT_PROMISE_RULE,
      pubsub,
      audit: new AuditService(pool),
    };
  });
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
  });

  it("scores every loan with reasons, recommends, creates tasks, and a re-run changes nothing", async () => {
    const now = new Date("2026-11-02T10:00:00Z");
    const first = await rescorePortfolio(deps, portfolio, now);
    const loans = await db.loan.count({ where: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } } });
    expect(first.loans).toBe(loans);
    expect(first.scoresWritten).toBe(loans);
    expect(first.recommendationsCreated).toBeGreaterThan(0);
    expect(first.tasksCreated).toBeGreaterThan(0);
    // Delivered to this process's subscribers after the run returns: wait until the run's last events (each
    // agent's) account for every task it assigned. Any TASK_ASSIGNED would have been published before them.
    await vi.waitFor(
      () =>
        expect(
          runs.filter((r) => r.userId !== null).reduce((n, r) => n + r.tasksAssigned, 0),
          "tasks assigned, as the agents' rescoringCompleted events count them",
        ).toBe(first.tasksCreated - first.unassigned),
      { timeout: 10_000 },
    );
    // One coalesced event per audience instead of one per task: the whole run (managers and admins), each
    // team and each agent that got work, with their counts.
    expect(events).toEqual([]);
    const whole = runs.filter((r) => r.userId === null && r.teamId === null);
    expect(whole).toEqual([
      expect.objectContaining({
        portfolioId: portfolio.id,
        loansRescored: loans,
        recommendationsCreated: first.recommendationsCreated,
        tasksAssigned: first.tasksCreated - first.unassigned,
        succeeded: true,
      }),
    ]);
    const perAgent = runs.filter((r) => r.userId !== null);
    expect(new Set(perAgent.map((r) => r.userId)).size).toBe(perAgent.length);
    expect(perAgent.reduce((n, r) => n + r.tasksAssigned, 0)).toBe(first.tasksCreated - first.unassigned);
    const agentTasks = await db.task.groupBy({
      by: ["assigneeId"],
      where: {
        loan: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } },
        status: "OPEN",
        assigneeId: { not: null },
      },
      _count: true,
    });
    for (const r of perAgent) {
      const open = agentTasks.find((t) => t.assigneeId === r.userId)?._count ?? 0;
      expect(r.tasksAssigned).toBeLessThanOrEqual(open);
    }
    expect(runs.every((r) => r.runId === whole[0]?.runId)).toBe(true);
    // The run is in the audit trail with what it changed, the model and the policy.
    const audited = await db.auditLog.findFirstOrThrow({
      where: { action: "rescore.portfolio", entityId: portfolio.id },
      orderBy: { id: "desc" },
    });
    expect(audited.outcome).toBe("SUCCESS");
    expect(audited.details).toMatchObject({
      loans,
      scoresWritten: loans,
      tasksCreated: first.tasksCreated,
      modelVersion: deps.card.version,
      policyVersion: DEFAULT_POLICY.version,
    });

    const score = await db.riskScore.findFirstOrThrow({
      where: { loan: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } }, tier: { in: ["HIGH", "CRITICAL"] } },
    });
    expect((score.reasons as { sentence: string }[]).length).toBeGreaterThan(0);
    expect(Object.keys(score.features as object)).toHaveLength(FEATURE_NAMES.length);
    const rec = await db.recommendation.findFirstOrThrow({
      where: { loanId: score.loanId, status: "ACTIVE" },
    });
    expect(rec.rationale).toContain((score.reasons as { sentence: string }[])[0]?.sentence);

    const again = await rescorePortfolio(deps, portfolio, new Date("2026-11-02T11:00:00Z"));
    expect(again).toMatchObject({
      loans,
      scoresWritten: 0,
      bucketChanges: 0,
      recommendationsCreated: 0,
      tasksCreated: 0,
      tasksUpdated: 0,
    });
    expect(
      await db.riskScore.count({ where: { loan: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } } } }),
    ).toBe(loans);
  });

  it("stores with each score the feature vector the export gives for the same loan and as-of date", async () => {
    // The export ml/ trains on, taken now, against the vectors the run above stored: value by value, a
    // missing value (empty cell) as null. A difference would mean the model scores what it was not trained on.
    const dir = mkdtempSync(path.join(os.tmpdir(), "creditpath-export-"));
    try {
      await exportFeatures(deps.histories, [portfolio], dir, DEFAULT_PROMISE_RULE);
      const [header, ...lines] = readFileSync(path.join(dir, EXPORT_FILE), "utf8").trimEnd().split("\n");
      const columns = (header as string).split(",");
      const exported = new Map<string, Map<string, string>>();
      for (const line of lines) {
        // Ids, numbers and the portfolio's name: no quoted cells in this export.
        const cells = line.split(",");
        exported.set(cells[0] as string, new Map(columns.map((c, i) => [c, cells[i] as string])));
      }
      const stored = await db.riskScore.findMany({
        where: {
          loan: { portfolioId: portfolio.id },
          asOfDate: new Date(`${portfolio.asOfDate}T00:00:00Z`),
          modelVersion: { version: deps.card.version },
        },
        select: { loanId: true, features: true },
      });
      expect(stored.length).toBe(exported.size);
      let compared = 0;
      for (const { loanId, features } of stored) {
        const row = exported.get(loanId);
        expect(row?.get("as_of_date"), loanId).toBe(portfolio.asOfDate);
        const vector = features as Record<string, number | null>;
        expect(Object.keys(vector).sort(), loanId).toEqual([...FEATURE_NAMES].sort());
        for (const name of FEATURE_NAMES) {
          const cell = row?.get(name);
          expect(vector[name], `${name} of loan ${loanId}`).toBe(cell === "" ? null : Number(cell));
          compared++;
        }
      }
      expect(compared).toBe(exported.size * FEATURE_NAMES.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never overwrites a task an agent has started, and updates open ones when the recommendation changes", async () => {
    const openTasks = (priority: { lte: number } | undefined, take: number, notIn: string[] = []) =>
      db.task.findMany({
        where: {
          status: "OPEN",
          recommendationId: { not: null },
          loan: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } },
          id: { notIn },
          ...(priority ? { priority } : {}),
        },
        orderBy: { id: "asc" },
        take,
      });
    // Agents start a few tasks whose recommendations the relaxed policy must change (below the last priority).
    const started = await openTasks({ lte: 4 }, 5);
    expect(started).toHaveLength(5);
    // Also below the last priority: a task already at priority 5 keeps its recommendation under the relaxed
    // policy (which tasks exist depends on who had room when they were made, so no others are counted on).
    const stillOpen = await openTasks(
      { lte: 4 },
      20,
      started.map((t) => t.id),
    );
    expect(stillOpen).toHaveLength(20);
    startedTaskId = (started[0] as (typeof started)[number]).id;
    await db.task.updateMany({
      where: { id: { in: started.map((t) => t.id) } },
      data: { status: "IN_PROGRESS", startedAt: new Date() },
    });

    // A supervisor makes everything one step less urgent: every recommendation changes.
    const s = await rescorePortfolio(
      { ...deps, policy: relaxed },
      portfolio,
      new Date("2026-11-03T10:00:00Z"),
    );
    expect(s.recommendationsCreated).toBeGreaterThan(0);
    expect(s.tasksLeftAlone).toBeGreaterThanOrEqual(1);

    for (const before of started) {
      const after = await db.task.findUniqueOrThrow({ where: { id: before.id } });
      expect(after).toMatchObject({
        status: "IN_PROGRESS",
        actionType: before.actionType,
        priority: before.priority,
        assigneeId: before.assigneeId,
        recommendationId: before.recommendationId,
      });
    }
    // A day later a loan may also cross into another bucket or tier, and then its action changes too (to a
    // reminder, whose task is cancelled, or an escalation): the unstarted tasks whose loans stay agent work
    // now follow their loan's new recommendation, one step less urgent.
    let followed = 0;
    for (const before of stillOpen) {
      const active = await db.recommendation.findMany({ where: { loanId: before.loanId, status: "ACTIVE" } });
      expect(active).toHaveLength(1);
      const [now] = active as [(typeof active)[number]];
      if (now.actionType !== before.actionType) continue;
      const after = await db.task.findUniqueOrThrow({ where: { id: before.id } });
      expect(after).toMatchObject({
        status: "OPEN",
        assigneeId: before.assigneeId,
        recommendationId: now.id,
        priority: now.priority,
      });
      // A loan whose promise broke keeps its priority (the boost takes back the relaxed step): its
      // recommendation, unchanged, is kept, and so is its task.
      if (now.id !== before.recommendationId && after.priority === Math.min(5, before.priority + 1))
        followed++;
    }
    expect(followed).toBeGreaterThan(0);
  });

  it("has made no task of an automated reminder (neither rescoring nor the synthetic generator)", async () => {
    const reminders = await pool.query(
      `SELECT count(*)::int AS n FROM "Task" t JOIN "Loan" l ON l.id = t."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId"
       WHERE p.name = $1 AND t."actionType" = ANY($2::"ActionType"[])`,
      [TEST_SYNTHETIC_PORTFOLIO, AUTOMATED_ACTIONS],
    );
    expect(reminders.rows[0].n).toBe(0);
  });

  it("brings unstarted tasks in line with an unchanged recommendation, whoever made them, and leaves started ones", async () => {
    // Loans whose recommendation is agent work: an escalation is not written into an agent's task but
    // replaces it (escalations/escalation-rescoring.integration.test.ts).
    const human = await pool.query<{ taskId: string; loanId: string }>(
      `SELECT t.id AS "taskId", t."loanId" FROM "Task" t
       JOIN "Recommendation" r ON r."loanId" = t."loanId" AND r.status = 'ACTIVE'
       JOIN "Loan" l ON l.id = t."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId"
       WHERE p.name = $1 AND t.status = 'OPEN' AND NOT (r."actionType" = ANY($2::"ActionType"[]))
         AND r."actionType" <> 'ESCALATE_TO_RECOVERY_MANAGER'
       ORDER BY t.id LIMIT 2`,
      [TEST_SYNTHETIC_PORTFOLIO, AUTOMATED_ACTIONS],
    );
    const [stale, started] = human.rows as [
      { taskId: string; loanId: string },
      { taskId: string; loanId: string },
    ];
    expect(started).toBeDefined();
    // What the demo showed: a "field visit, priority 1, due a month ago" task made outside rescoring.
    const monthAgo = new Date("2026-10-03T09:00:00Z");
    const disagreeing = {
      actionType: "FIELD_VISIT" as const,
      priority: 1,
      dueAt: monthAgo,
      recommendationId: null,
    };
    await db.task.update({ where: { id: stale.taskId }, data: disagreeing });
    const inProgress = await db.task.update({
      where: { id: started.taskId },
      data: { ...disagreeing, status: "IN_PROGRESS", startedAt: new Date() },
    });
    // The same policy and instant as the last run: no recommendation changes, the tasks are what disagrees.
    const s = await rescorePortfolio(
      { ...deps, policy: relaxed },
      portfolio,
      new Date("2026-11-03T10:00:00Z"),
    );
    expect(s.recommendationsCreated).toBe(0);
    expect(s.tasksUpdated).toBe(1);
    expect(s.tasksCancelled).toBe(0);
    expect(s.tasksLeftAlone).toBeGreaterThanOrEqual(2);

    const rec = await db.recommendation.findFirstOrThrow({
      where: { loanId: stale.loanId, status: "ACTIVE" },
    });
    expect(await db.task.findUniqueOrThrow({ where: { id: stale.taskId } })).toMatchObject({
      status: "OPEN",
      actionType: rec.actionType,
      priority: rec.priority,
      dueAt: rec.dueAt,
      recommendationId: rec.id,
    });
    expect(await db.task.findUniqueOrThrow({ where: { id: started.taskId } })).toEqual(inProgress);
    // In line now: a re-run finds nothing to change.
    const again = await rescorePortfolio(
      { ...deps, policy: relaxed },
      portfolio,
      new Date("2026-11-03T10:00:00Z"),
    );
    expect(again).toMatchObject({ tasksUpdated: 0, tasksCancelled: 0, tasksCreated: 0 });
  });

  it("cancels open tasks whose loan now only needs an automated reminder, and leaves started work alone", async () => {
    // A policy that sends a reminder in every case: no loan needs an agent any more.
    const remindersOnly: Policy = {
      ...DEFAULT_POLICY,
      version: 3,
      rules: DEFAULT_POLICY.rules.map((r) => ({ ...r, action: "SMS_REMINDER", channels: ["SMS", "PUSH"] })),
    };
    const openBefore = await db.task.count({
      where: {
        status: "OPEN",
        recommendationId: { not: null },
        loan: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } },
      },
    });
    expect(openBefore).toBeGreaterThan(0);
    // A reminder task made outside rescoring (as the synthetic generator once made them), without a recommendation.
    const free = await pool.query<{ id: string }>(
      `SELECT l.id FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
       WHERE p.name = $1 AND l."outstandingBalance" > 0 AND l.status <> 'CLOSED'
         AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = l.id AND t.status IN ('OPEN', 'IN_PROGRESS'))
       LIMIT 1`,
      [TEST_SYNTHETIC_PORTFOLIO],
    );
    // Earlier runs of this file may have given every loan an open task: then one unstarted task makes room.
    let freeLoanId = free.rows[0]?.id;
    if (!freeLoanId) {
      const spare = await db.task.findFirstOrThrow({
        where: {
          status: "OPEN",
          id: { not: startedTaskId },
          loan: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } },
        },
      });
      await db.task.delete({ where: { id: spare.id } });
      freeLoanId = spare.loanId;
    }
    const agent = await db.user.findFirstOrThrow({ where: { role: "AGENT", active: true } });
    const reminder = await db.task.create({
      data: {
        loanId: freeLoanId,
        assigneeId: agent.id,
        actionType: "SMS_REMINDER",
        dueAt: new Date("2026-10-03T09:00:00Z"),
      },
    });
    const s = await rescorePortfolio(
      { ...deps, policy: remindersOnly },
      portfolio,
      new Date("2026-11-04T10:00:00Z"),
    );
    expect(s.tasksCancelled).toBeGreaterThan(0);
    expect(s.tasksCreated).toBe(0);
    expect(await db.task.findUniqueOrThrow({ where: { id: reminder.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "AUTOMATED_ACTION",
    });
    const cancelled = await db.task.findFirstOrThrow({
      where: { status: "CANCELLED", loan: { portfolio: { name: TEST_SYNTHETIC_PORTFOLIO } } },
    });
    expect(cancelled).toMatchObject({ cancelReason: "AUTOMATED_ACTION", outcome: null });
    expect(cancelled.cancelledAt).not.toBeNull();
    // No open task is left for a loan whose active recommendation is a reminder.
    const stale = await pool.query(
      `SELECT count(*)::int AS n FROM "Task" t JOIN "Recommendation" r ON r."loanId" = t."loanId" AND r.status = 'ACTIVE'
       WHERE t.status = 'OPEN' AND r."actionType" = 'SMS_REMINDER'`,
    );
    expect(stale.rows[0].n).toBe(0);
    expect((await db.task.findUniqueOrThrow({ where: { id: startedTaskId } })).status).toBe("IN_PROGRESS");
  });

  it("gives a loan that owes nothing no task, and cancels its unstarted one; a loan in default has no model PD", async () => {
    const worked = new Date("2026-11-05T10:00:00Z");
    await rescorePortfolio(deps, portfolio, worked);
    const open = await pool.query<{ taskId: string; loanId: string; balance: string }>(
      `SELECT t.id AS "taskId", t."loanId", l."outstandingBalance"::text AS balance
       FROM "Task" t JOIN "Loan" l ON l.id = t."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId"
       WHERE p.name = $1 AND t.status = 'OPEN' AND t."communicationId" IS NULL AND t."previousTaskId" IS NULL
         AND t."actionType" <> 'ESCALATE_TO_RECOVERY_MANAGER'
       ORDER BY t.id LIMIT 1`,
      [TEST_SYNTHETIC_PORTFOLIO],
    );
    const target = open.rows[0];
    if (!target) throw new Error("the synthetic portfolio has no unstarted agent task to test with");
    // The borrower paid the loan off (the import of the day stored a zero balance).
    await pool.query(`UPDATE "Loan" SET "outstandingBalance" = 0 WHERE id = $1`, [target.loanId]);
    try {
      const s = await rescorePortfolio(deps, portfolio, new Date("2026-11-06T10:00:00Z"));
      expect(s.tasksCancelled).toBeGreaterThanOrEqual(1);
      expect(await db.task.findUniqueOrThrow({ where: { id: target.taskId } })).toMatchObject({
        status: "CANCELLED",
        cancelReason: "NOTHING_OWED",
      });
      expect(
        await db.task.count({ where: { loanId: target.loanId, status: { in: ["OPEN", "IN_PROGRESS"] } } }),
      ).toBe(0);
      expect(await db.outboundMessage.count({ where: { loanId: target.loanId, status: "QUEUED" } })).toBe(0);
    } finally {
      await pool.query(`UPDATE "Loan" SET "outstandingBalance" = $2::numeric WHERE id = $1`, [
        target.loanId,
        target.balance,
      ]);
    }
    // Owing again, it is worked again.
    await rescorePortfolio(deps, portfolio, new Date("2026-11-07T10:00:00Z"));
    const active = await db.recommendation.findFirstOrThrow({
      where: { loanId: target.loanId, status: "ACTIVE" },
    });
    expect(AUTOMATED_ACTIONS).not.toContain(active.actionType);
    expect(await db.task.count({ where: { loanId: target.loanId, status: "OPEN" } })).toBe(1);
    // A source that gives no balance is still worked: the task stays open and follows the recommendation.
    await pool.query(`UPDATE "Loan" SET "outstandingBalance" = NULL WHERE id = $1`, [target.loanId]);
    try {
      await rescorePortfolio(deps, portfolio, new Date("2026-11-08T10:00:00Z"));
      const rec = await db.recommendation.findFirstOrThrow({
        where: { loanId: target.loanId, status: "ACTIVE" },
      });
      const open = await db.task.findMany({ where: { loanId: target.loanId, status: "OPEN" } });
      expect(open.map((t) => t.recommendationId)).toEqual([rec.id]);
    } finally {
      await pool.query(`UPDATE "Loan" SET "outstandingBalance" = $2::numeric WHERE id = $1`, [
        target.loanId,
        target.balance,
      ]);
    }

    // Every loan in default carries PD 1 and tier IN_DEFAULT, and no loan outside the 90+ bucket does.
    const tiers = await pool.query<{
      inDefault: boolean;
      tier: string;
      probability: number;
      reasons: number;
    }>(
      `SELECT DISTINCT ON (r."loanId") r.bucket = 'DPD_90_PLUS' AS "inDefault", r.tier::text AS tier, r.probability,
              jsonb_array_length(r.reasons) AS reasons
       FROM "RiskScore" r JOIN "Loan" l ON l.id = r."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId"
       WHERE p.name = $1 ORDER BY r."loanId", r."scoredAt" DESC`,
      [TEST_SYNTHETIC_PORTFOLIO],
    );
    const inDefault = tiers.rows.filter((r) => r.inDefault);
    expect(inDefault.length).toBeGreaterThan(0);
    for (const r of inDefault) expect(r).toMatchObject({ tier: "IN_DEFAULT", probability: 1, reasons: 0 });
    for (const r of tiers.rows.filter((x) => !x.inDefault)) expect(r.tier).not.toBe("IN_DEFAULT");
  });
});
