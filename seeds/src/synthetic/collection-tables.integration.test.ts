import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import {
  exportCollectionTables,
  PROMISE_KEPT_FILE,
  PROPENSITY_FILE,
  TRUTH_COLUMN,
} from "../../../server/src/modules/features/collection-export.js";
import { snapshotDays } from "../../../server/src/modules/features/collection-outcomes.js";
import { computeFeatures } from "../../../server/src/modules/features/compute-features.js";
import { FEATURE_NAMES } from "../../../server/src/modules/features/feature-catalogue.js";
import { GroundTruthRepository } from "../../../server/src/modules/features/ground-truth.repository.js";
import { LoanHistoryRepository } from "../../../server/src/modules/features/loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "../../../server/src/modules/features/promise-status.js";
import type {} from "../../../server/test/global-setup.js";
import { planPortfolio } from "./portfolio.js";
import { writeSyntheticPortfolio } from "./writer.js";

type Row = Record<string, string>;

describe("the collection scores' training tables, from a synthetic portfolio", () => {
  let pool: pg.Pool;
  let dir: string;
  const name = `Collection tables ${randomUUID().slice(0, 8)}`;
  const plan = planPortfolio({ loans: 1500, seed: 21 });
  let propensity: Row[];
  let promises: Row[];
  let summary: Awaited<ReturnType<typeof exportCollectionTables>>;

  beforeAll(async () => {
    pool = createPgPool(inject("databaseUrl"));
    dir = mkdtempSync(path.join(os.tmpdir(), "collections-"));
    await writeSyntheticPortfolio({ pool, plan, portfolioName: name, batchSize: 500 });
    const repo = new LoanHistoryRepository(pool);
    const portfolio = await repo.portfolio(name);
    if (!portfolio) throw new Error("the synthetic portfolio was not written");
    summary = await exportCollectionTables(
      repo,
      new GroundTruthRepository(pool),
      [portfolio],
      dir,
      DEFAULT_PROMISE_RULE,
    );
    const read = (file: string): Row[] =>
      parse(readFileSync(path.join(dir, file), "utf8"), { columns: true, skip_empty_lines: true });
    propensity = read(PROPENSITY_FILE);
    promises = read(PROMISE_KEPT_FILE);
  }, 120_000);

  afterAll(async () => {
    await pool.query(`DELETE FROM "Portfolio" WHERE name = $1`, [name]);
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has one propensity row per loan past due on a snapshot day, with the generator's probability", () => {
    expect(summary.loans).toBe(1500);
    expect(propensity.length).toBe(summary.propensity.rows);
    expect(propensity.length).toBeGreaterThan(300);
    const days = new Set(snapshotDays(plan.asOf));
    const seen = new Set<string>();
    for (const r of propensity) {
      expect(days.has(r.as_of_date as string), r.as_of_date).toBe(true);
      expect(Number(r.overdue_amount)).toBeGreaterThan(0);
      expect(Number(r.current_dpd)).toBeGreaterThan(0);
      expect(["0", "1"]).toContain(r.label);
      const truth = Number(r[TRUTH_COLUMN]);
      expect(truth).toBeGreaterThanOrEqual(0);
      expect(truth).toBeLessThanOrEqual(1);
      const key = `${r.loan_id} ${r.as_of_date}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(summary.propensity.withTruth).toBe(propensity.length);
    // Several snapshots, so the latest can serve as the out-of-time test.
    expect(new Set(propensity.map((r) => r.as_of_date)).size).toBeGreaterThanOrEqual(4);
  });

  it("takes the loan's features as of the snapshot day, nothing later", async () => {
    const repo = new LoanHistoryRepository(pool);
    const sample = propensity.filter((_, i) => i % 25 === 0);
    for (const r of sample) {
      const loan = await repo.findOne(r.loan_id as string);
      if (!loan) throw new Error(`loan ${r.loan_id} not found`);
      const expected = computeFeatures({ ...loan.history, asOfDate: r.as_of_date as string });
      for (const f of FEATURE_NAMES) {
        const v = expected[f];
        expect(r[f] === "" ? null : Number(r[f]), `${f} of ${r.loan_id} on ${r.as_of_date}`).toBe(
          v === null ? null : Number(String(v)),
        );
      }
    }
  });

  it("has one row per promise kept or broken, labelled as the stored promise's status", async () => {
    expect(promises.length).toBe(summary.promiseKept.rows);
    expect(promises.length).toBeGreaterThan(100);
    const stored = await pool.query<{ id: string; status: string; made: string }>(
      `SELECT p.id, p.status::text, to_char(p."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS made
         FROM "PromiseToPay" p JOIN "Loan" l ON l.id = p."loanId" JOIN "Portfolio" f ON f.id = l."portfolioId"
        WHERE f.name = $1`,
      [name],
    );
    const byId = new Map(stored.rows.map((p) => [p.id, p]));
    const resolved = stored.rows.filter((p) => p.status === "KEPT" || p.status === "BROKEN");
    expect(promises.length).toBe(resolved.length);
    for (const r of promises) {
      const p = byId.get(r.promise_id as string);
      expect(p, r.promise_id).toBeDefined();
      expect(r.label).toBe(p?.status === "KEPT" ? "1" : "0");
      expect(r.as_of_date).toBe(p?.made);
      expect(Number(r.promise_amount)).toBeGreaterThan(0);
      expect(r[TRUTH_COLUMN]).not.toBe("");
    }
    // Both outcomes are there to learn from.
    expect(new Set(promises.map((r) => r.label)).size).toBe(2);
  });

  it("describes each table's columns, saying the true probability is not a feature", () => {
    const schema = JSON.parse(readFileSync(path.join(dir, "propensity-to-pay.schema.json"), "utf8"));
    const names = schema.features.map((f: { name: string }) => f.name);
    expect(names).toEqual([...FEATURE_NAMES, "overdue_amount"]);
    expect(names).not.toContain(TRUTH_COLUMN);
    expect(schema.truth.name).toBe(TRUTH_COLUMN);
    const kept = JSON.parse(readFileSync(path.join(dir, "promise-kept.schema.json"), "utf8"));
    expect(kept.features.map((f: { name: string }) => f.name)).toContain("promise_share_of_overdue");
  });
});
