import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TEST_SYNTHETIC_PORTFOLIO } from "../../../test/served-model.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import {
  LoanHistoryRepository,
  type PortfolioRef,
  type StoredLoanHistory,
} from "../features/loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "../features/promise-status.js";
import type { ModelCard } from "./model-card.js";
import { ModelRegistry } from "./model-registry.js";
import { RescoreThreads } from "./rescore-threads.js";
import { isInDefault } from "./risk-tier.js";
import { ScoringService } from "./scoring.service.js";

describe("rescoring threads", () => {
  const pool = createPgPool(inject("databaseUrl"));
  const models = new ModelRegistry(inject("servedModelDir"));
  let card: ModelCard;
  let portfolio: PortfolioRef;
  let loans: StoredLoanHistory[];

  beforeAll(async () => {
    await models.load();
    card = models.card() as ModelCard;
    const repo = new LoanHistoryRepository(pool);
    portfolio = (await repo.portfolio(TEST_SYNTHETIC_PORTFOLIO)) as PortfolioRef;
    for await (const chunk of repo.stream(portfolio, 500)) {
      loans = chunk;
      break;
    }
  });
  afterAll(async () => {
    await pool.end();
  });

  it("compute in worker threads exactly what the calling thread computes, in the chunk's order", async () => {
    const local = RescoreThreads.start({ card, promiseRule: DEFAULT_PROMISE_RULE }, 0);
    const threaded = RescoreThreads.start({ card, promiseRule: DEFAULT_PROMISE_RULE }, 2);
    try {
      const expected = await local.compute(loans, portfolio.asOfDate);
      const actual = await threaded.compute(loans, portfolio.asOfDate);
      expect(actual.vectors).toHaveLength(loans.length);
      expect(actual).toEqual(expected);
      // Real work was done: reasons for every loan not in default (the PD model does not explain those),
      // the amount overdue of those past due, delinquency for those with a schedule.
      const dpd = actual.delinquency.dpd;
      expect(
        actual.reasons.every((r, i) => (isInDefault(dpd[i] as number) ? r.length === 0 : r.length > 0)),
      ).toBe(true);
      expect(actual.overdue.every((o, i) => ((dpd[i] as number) > 0 ? o >= 0 : o === 0))).toBe(true);
      expect(actual.overdue.some((o) => o > 0)).toBe(true);
      expect(actual.delinquency.intervals.length).toBeGreaterThan(0);
    } finally {
      await threaded.close();
    }
  });

  it("report a history they cannot compute by what is wrong in it, and keep working afterwards", async () => {
    const threads = RescoreThreads.start({ card, promiseRule: DEFAULT_PROMISE_RULE }, 1);
    try {
      const [good, other] = loans as [StoredLoanHistory, StoredLoanHistory];
      const broken: StoredLoanHistory = {
        ...other,
        history: {
          ...other.history,
          schedule: [{ sequence: 1, dueDate: "2026-01-01", amountDue: "12,5 EUR" }],
        },
      };
      await expect(threads.compute([good, broken], portfolio.asOfDate)).rejects.toThrow(
        /Rescoring thread failed: .*12,5 EUR/,
      );
      const again = await threads.compute([good], portfolio.asOfDate);
      expect(again.vectors).toHaveLength(1);
    } finally {
      await threads.close();
    }
  });

  it("refuse to pair reasons of one model with another model's probabilities", async () => {
    const scoring = new ScoringService(models);
    const local = RescoreThreads.start({ card, promiseRule: DEFAULT_PROMISE_RULE }, 0);
    const { vectors, reasons } = await local.compute(loans.slice(0, 3), portfolio.asOfDate);
    await expect(scoring.scoreExplained(vectors, reasons, "some-older-model")).rejects.toThrow(
      /changed from some-older-model to .* during the run/,
    );
    const scores = await scoring.scoreExplained(vectors, reasons, card.version);
    expect(scores.map((s) => s.reasons)).toEqual(reasons);
  });

  it("are shared between runs, and replaced once one of them has died", async () => {
    const setup = { card, promiseRule: DEFAULT_PROMISE_RULE };
    const first = RescoreThreads.shared(setup, 1);
    expect(RescoreThreads.shared(setup, 1)).toBe(first);
    // A thread that exits (as after a crash) takes no more work; the next run gets new threads that do.
    const [thread] = (first as unknown as { threads: { close(): Promise<void> }[] }).threads;
    await thread?.close();
    await expect(first.compute(loans.slice(0, 2), portfolio.asOfDate)).rejects.toThrow(/closed|exited/);
    const next = RescoreThreads.shared(setup, 1);
    expect(next).not.toBe(first);
    try {
      expect((await next.compute(loans.slice(0, 2), portfolio.asOfDate)).vectors).toHaveLength(2);
    } finally {
      await next.close();
    }
  });
});
