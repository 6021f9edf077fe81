import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPgPool } from "../../core/db/pg-pool.js";
import { createPrismaClient, type Db } from "../../core/db/prisma-client.js";
import { bucketHistory } from "./bucket-history.js";
import { computeFeatures } from "./compute-features.js";
import { refreshDelinquency } from "./delinquency-refresh.js";
import { FEATURE_NAMES } from "./feature-catalogue.js";
import { EXPORT_FILE, exportFeatures, SCHEMA_FILE } from "./feature-export.js";
import type { LoanHistory } from "./loan-history.js";
import { LoanHistoryRepository } from "./loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "./promise-status.js";

// The loan as a /predict caller would post it...
const posted: LoanHistory = {
  asOfDate: "2025-06-15",
  loan: {
    productType: "INSTALMENT",
    principal: "600.00",
    interestRate: "12.5000",
    termMonths: 6,
    openedAt: "2024-12-01",
    grade: "C",
  },
  borrower: { ageYears: 41, annualIncome: "52000.00", employmentYears: "3.50", segment: "subprime" },
  schedule: [1, 2, 3, 4, 5, 6].map((m) => ({ sequence: m, dueDate: `2025-0${m}-01`, amountDue: "100.00" })),
  payments: [
    { key: "p1", type: "PAYMENT", amount: "100.00", paidAt: "2025-01-01T10:00:00.000Z" },
    { key: "p2", type: "PAYMENT", amount: "100.00", paidAt: "2025-02-09T10:00:00.000Z" },
    { key: "p3", type: "PAYMENT", amount: "100.00", paidAt: "2025-03-02T10:00:00.000Z" },
    {
      key: "b3",
      type: "BOUNCED_DEBIT",
      amount: "100.00",
      paidAt: "2025-03-05T10:00:00.000Z",
      reverses: "p3",
    },
  ],
  contacts: [
    { channel: "CALL", direction: "OUTBOUND", outcome: "NO_ANSWER", startedAt: "2025-05-02T15:00:00.000Z" },
    {
      channel: "CALL",
      direction: "OUTBOUND",
      outcome: "PROMISE_TO_PAY",
      startedAt: "2025-05-20T15:00:00.000Z",
      durationSeconds: 240,
    },
    { channel: "SMS", direction: "INBOUND", outcome: "DELIVERED", startedAt: "2025-06-01T08:00:00.000Z" },
  ],
  promises: [{ amount: "100.00", promisedDate: "2025-05-25", createdAt: "2025-05-20T15:00:00.000Z" }],
};

describe("the training export", () => {
  let db: Db;
  let pool: pg.Pool;
  let portfolioId: string;
  let loanId: string;
  let dir: string;
  const name = `export-test-${Date.now()}`;

  beforeAll(async () => {
    db = createPrismaClient(inject("databaseUrl"));
    pool = createPgPool(inject("databaseUrl"));
    dir = mkdtempSync(path.join(os.tmpdir(), "features-"));
    // ...and the same loan stored in PostgreSQL.
    const p = await db.portfolio.create({
      data: { name, source: "test", asOfDate: new Date("2025-06-15T00:00:00Z") },
    });
    portfolioId = p.id;
    const b = await db.borrower.create({
      data: {
        portfolioId,
        externalKey: "B",
        ageYears: 41,
        annualIncome: "52000",
        employmentYears: "3.5",
        segment: "subprime",
      },
    });
    const loan = await db.loan.create({
      data: {
        portfolioId,
        borrowerId: b.id,
        externalKey: "L",
        productType: "INSTALMENT",
        principal: "600",
        interestRate: "12.5",
        termMonths: 6,
        openedAt: new Date("2024-12-01T00:00:00Z"),
        grade: "C",
        defaultLabel: true,
      },
    });
    loanId = loan.id;
    await db.instalment.createMany({
      data: posted.schedule.map((s) => ({
        loanId,
        sequence: s.sequence,
        dueDate: new Date(`${s.dueDate}T00:00:00Z`),
        amountDue: "100",
      })),
    });
    const stored = new Map<string, string>();
    for (const p of posted.payments) {
      const row = await db.payment.create({
        data: {
          loanId,
          externalKey: p.key,
          type: p.type,
          amount: String(p.amount),
          paidAt: new Date(p.paidAt),
          reversesPaymentId: p.reverses ? stored.get(p.reverses) : null,
        },
      });
      stored.set(p.key, row.id);
    }
    for (const c of posted.contacts ?? []) {
      await db.communication.create({
        data: {
          borrowerId: b.id,
          loanId,
          channel: c.channel,
          direction: c.direction,
          outcome: c.outcome as "NO_ANSWER",
          startedAt: new Date(c.startedAt),
          durationSeconds: c.durationSeconds ?? null,
        },
      });
    }
    for (const pr of posted.promises ?? []) {
      await db.promiseToPay.create({
        data: {
          loanId,
          borrowerId: b.id,
          amount: String(pr.amount),
          promisedDate: new Date(`${pr.promisedDate}T00:00:00Z`),
          createdAt: new Date(pr.createdAt as string),
        },
      });
    }
  });
  afterAll(async () => {
    await db.portfolio.delete({ where: { id: portfolioId } });
    await db.$disconnect();
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports for a stored loan exactly the vector computed from the same history in memory", async () => {
    const repo = new LoanHistoryRepository(pool);
    const portfolio = await repo.portfolio(name);
    const summary = await exportFeatures(
      repo,
      [portfolio as NonNullable<typeof portfolio>],
      dir,
      DEFAULT_PROMISE_RULE,
    );
    expect(summary).toMatchObject({ rows: 1, labelled: 1 });

    const rows = parse(readFileSync(path.join(dir, EXPORT_FILE)), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, string>;
    expect(row).toMatchObject({
      loan_id: loanId,
      loan_key: "L",
      portfolio: name,
      as_of_date: "2025-06-15",
      label: "1",
    });
    const exported = Object.fromEntries(FEATURE_NAMES.map((n) => [n, row[n] === "" ? null : Number(row[n])]));
    const inMemory = computeFeatures(posted);
    expect(exported).toEqual(inMemory);
    // The history is rich enough that the comparison covers every kind of feature (March bounced: 106 days).
    expect(inMemory).toMatchObject({
      current_dpd: 106,
      contact_attempts_90d: 2,
      ptp_count_180d: 1,
      ptp_kept_rate: 0,
    });
    expect(inMemory.engagement_score).toBeGreaterThan(0);

    const schema = JSON.parse(readFileSync(path.join(dir, SCHEMA_FILE), "utf8"));
    expect(schema.features.map((f: { name: string }) => f.name)).toEqual(FEATURE_NAMES);
    expect(readFileSync(path.join(dir, EXPORT_FILE), "utf8").split("\n")[0]).toBe(
      ["loan_id", "loan_key", "portfolio", "as_of_date", ...FEATURE_NAMES, "label"].join(","),
    );
  });

  it("stores days past due, the bucket and the bucket history, and a re-run changes nothing", async () => {
    const repo = new LoanHistoryRepository(pool);
    const portfolio = (await repo.portfolio(name)) as NonNullable<Awaited<ReturnType<typeof repo.portfolio>>>;
    expect(await refreshDelinquency(pool, repo, portfolio)).toEqual({ loans: 1, changedBuckets: 1 });
    const loan = await db.loan.findUniqueOrThrow({ where: { id: loanId } });
    expect(loan).toMatchObject({ currentDpd: 106, currentBucket: "DPD_90_PLUS" });
    const stored = await db.bucketHistory.findMany({ where: { loanId }, orderBy: { enteredOn: "asc" } });
    const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
    expect(
      stored.map((b) => ({ bucket: b.bucket, enteredOn: day(b.enteredOn), leftOn: day(b.leftOn) })),
    ).toEqual(bucketHistory(posted));
    expect(await refreshDelinquency(pool, repo, portfolio)).toEqual({ loans: 1, changedBuckets: 0 });
    // The promise of May 20 for May 25 saw no payment: derived and stored as broken.
    const promise = await db.promiseToPay.findFirstOrThrow({ where: { loanId } });
    expect(promise.status).toBe("BROKEN");
    expect(promise.resolvedAt).not.toBeNull();
    expect(await db.bucketHistory.count({ where: { loanId } })).toBe(stored.length);
    // Unchanged intervals are left in place (same rows), not deleted and written again.
    const again = await db.bucketHistory.findMany({ where: { loanId }, orderBy: { enteredOn: "asc" } });
    expect(again.map((b) => b.id)).toEqual(stored.map((b) => b.id));
    // A stored history that differs from the computed one is replaced by it.
    await db.bucketHistory.update({ where: { id: stored[0]?.id as string }, data: { leftOn: null } });
    await refreshDelinquency(pool, repo, portfolio);
    const repaired = await db.bucketHistory.findMany({ where: { loanId }, orderBy: { enteredOn: "asc" } });
    expect(
      repaired.map((b) => ({ bucket: b.bucket, enteredOn: day(b.enteredOn), leftOn: day(b.leftOn) })),
    ).toEqual(bucketHistory(posted));
  });
});
