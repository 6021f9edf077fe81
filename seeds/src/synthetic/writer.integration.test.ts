import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { bucketForDpd } from "../../../server/src/modules/loans/delinquency-bucket.js";
import type {} from "../../../server/test/global-setup.js";
import { ensureWorkforce } from "./agents.js";
import { planPortfolio } from "./portfolio.js";
import { writeSyntheticPortfolio } from "./writer.js";

describe("writing a synthetic portfolio", () => {
  let pool: pg.Pool;
  const name = `Synthetic test ${randomUUID().slice(0, 8)}`;
  const plan = planPortfolio({ loans: 1200, seed: 5 });
  const staff = [...plan.workforce.agents, ...plan.workforce.supervisors].map((s) => s.email);
  let existingUsers: string[] = [];
  let existingTeams: string[] = [];
  let portfolioId = "";

  beforeAll(async () => {
    pool = createPgPool(inject("databaseUrl"));
    existingUsers = (
      await pool.query<{ email: string }>(`SELECT email FROM "User" WHERE email = ANY($1)`, [staff])
    ).rows.map((r) => r.email);
    existingTeams = (
      await pool.query<{ name: string }>(`SELECT name FROM "Team" WHERE name = ANY($1)`, [
        plan.workforce.teams,
      ])
    ).rows.map((r) => r.name);
  });

  afterAll(async () => {
    // Only what this test created: the portfolio (its records cascade), then the staff and teams it added.
    await pool.query(`DELETE FROM "Portfolio" WHERE name = $1`, [name]);
    await pool.query(`DELETE FROM "User" WHERE email = ANY($1) AND NOT email = ANY($2)`, [
      staff,
      existingUsers,
    ]);
    await pool.query(`DELETE FROM "Team" WHERE name = ANY($1) AND NOT name = ANY($2)`, [
      plan.workforce.teams,
      existingTeams,
    ]);
    await pool.end();
  });

  it("writes the portfolio, and a re-run with another batch size changes nothing", async () => {
    const first = await writeSyntheticPortfolio({ pool, plan, portfolioName: name, batchSize: 200 });
    portfolioId = first.portfolioId;
    expect(first.loans).toBe(1200);
    expect(first.inserted).toBeGreaterThan(20_000);
    const before = await pool.query(
      `SELECT max(l."updatedAt") AS loans, max(b."updatedAt") AS borrowers, (SELECT count(*) FROM "Task" t JOIN "Loan" x ON x.id = t."loanId" WHERE x."portfolioId" = $1) AS tasks
       FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId" WHERE l."portfolioId" = $1`,
      [portfolioId],
    );

    const again = await writeSyntheticPortfolio({
      pool,
      plan,
      portfolioName: name,
      batchSize: 333,
      concurrency: 1,
    });
    expect({ inserted: again.inserted, updated: again.updated, extra: again.extraChanges }).toEqual({
      inserted: 0,
      updated: 0,
      extra: 0,
    });
    expect(again.unchanged).toBe(first.rows);
    const after = await pool.query(
      `SELECT max(l."updatedAt") AS loans, max(b."updatedAt") AS borrowers, (SELECT count(*) FROM "Task" t JOIN "Loan" x ON x.id = t."loanId" WHERE x."portfolioId" = $1) AS tasks
       FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId" WHERE l."portfolioId" = $1`,
      [portfolioId],
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("stores days past due and buckets that follow from the stored schedule and payments", async () => {
    // The oldest amount due before the as-of date and not covered in full, in SQL over the stored rows.
    const res = await pool.query<{ key: string; dpd: number; bucket: string; expected: number }>(
      `SELECT l."externalKey" AS key, l."currentDpd" AS dpd, l."currentBucket"::text AS bucket,
              COALESCE((SELECT (p."asOfDate" - min(i."dueDate"))::int FROM "Instalment" i
                        WHERE i."loanId" = l.id AND i."dueDate" < p."asOfDate" AND i."amountPaid" < i."amountDue"), 0) AS expected
       FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId" WHERE l."portfolioId" = $1`,
      [portfolioId],
    );
    expect(res.rows).toHaveLength(1200);
    for (const r of res.rows) {
      expect(r.dpd, r.key).toBe(r.expected);
      expect(r.bucket).toBe(bucketForDpd(r.dpd));
    }
    expect(res.rows.filter((r) => r.dpd > 0).length).toBeGreaterThan(30);
  });

  it("links reversals, promises and tasks, and sets suppression flags", async () => {
    const q = await pool.query(
      `SELECT
         (SELECT count(*)::int FROM "Payment" r JOIN "Loan" l ON l.id = r."loanId" WHERE l."portfolioId" = $1 AND r.type <> 'PAYMENT' AND r."reversesPaymentId" IS NULL) AS unlinked_reversals,
         (SELECT count(*)::int FROM "Payment" r JOIN "Loan" l ON l.id = r."loanId" WHERE l."portfolioId" = $1 AND r.type <> 'PAYMENT') AS reversals,
         (SELECT count(*)::int FROM "PromiseToPay" p JOIN "Loan" l ON l.id = p."loanId" WHERE l."portfolioId" = $1 AND p."communicationId" IS NULL) AS unlinked_promises,
         (SELECT count(*)::int FROM "PromiseToPay" p JOIN "Loan" l ON l.id = p."loanId" WHERE l."portfolioId" = $1 AND (p.status = 'PENDING') <> (p."resolvedAt" IS NULL)) AS bad_resolution,
         (SELECT count(*)::int FROM "Loan" l WHERE l."portfolioId" = $1 AND l."currentDpd" >= 15 AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = l.id AND t.status = 'OPEN')) AS without_task,
         (SELECT count(*)::int FROM "Task" t JOIN "Loan" l ON l.id = t."loanId" WHERE l."portfolioId" = $1 AND t."actionType" IN ('SMS_REMINDER', 'PUSH_REMINDER', 'EMAIL_REMINDER')) AS reminder_tasks,
         (SELECT count(*)::int FROM "Task" t JOIN "Loan" l ON l.id = t."loanId" JOIN "User" u ON u.id = t."assigneeId" WHERE l."portfolioId" = $1 AND u.email = 'agent@creditpath.local') AS demo_agent_tasks,
         (SELECT count(*)::int FROM "Borrower" b WHERE b."portfolioId" = $1 AND (b."doNotContact" OR b."disputeFlag" OR b."bankruptcyFlag" OR b."deceasedFlag" OR b."legalHold" OR cardinality(b."contactOptOuts") > 0)) AS flagged,
         (SELECT count(*)::int FROM "User" u WHERE u.email LIKE '%@synthetic.example.com' AND u."passwordHash" <> '!') AS usable_synthetic_logins`,
      [portfolioId],
    );
    const r = q.rows[0];
    expect(r.reversals).toBeGreaterThan(0);
    expect(r.unlinked_reversals).toBe(0);
    expect(r.unlinked_promises).toBe(0);
    expect(r.bad_resolution).toBe(0);
    // Loans a person must work (15+ days past due) have a task; reminders are the system's, never a task.
    expect(r.without_task).toBe(0);
    expect(r.reminder_tasks).toBe(0);
    expect(r.demo_agent_tasks).toBeGreaterThan(0);
    expect(r.flagged).toBeGreaterThan(20);
    expect(r.usable_synthetic_logins).toBe(0);
  });

  it("gives synthetic staff the roster's names, and leaves people who sign in as they are", async () => {
    const [renamed, signsIn] = plan.workforce.agents.slice(3, 5);
    if (!renamed || !signsIn) throw new Error("the roster has too few synthetic agents");
    const nameOf = async (email: string) =>
      (await pool.query<{ n: string }>(`SELECT "displayName" AS n FROM "User" WHERE email = $1`, [email]))
        .rows[0]?.n;
    // As a generator without names left them, and as a user given a password and a name by an admin.
    await pool.query(`UPDATE "User" SET "displayName" = 'Synthetic Agent 0001' WHERE email = $1`, [
      renamed.email,
    ]);
    await pool.query(`UPDATE "User" SET "displayName" = 'Pat Doe', "passwordHash" = 'x' WHERE email = $1`, [
      signsIn.email,
    ]);
    try {
      await ensureWorkforce(pool, plan.workforce);
      expect(await nameOf(renamed.email)).toBe(renamed.displayName);
      expect(renamed.displayName).not.toMatch(/Synthetic|\d/);
      expect(await nameOf(signsIn.email)).toBe("Pat Doe");
    } finally {
      await pool.query(`UPDATE "User" SET "passwordHash" = '!' WHERE email = $1`, [signsIn.email]);
      await ensureWorkforce(pool, plan.workforce);
    }
    expect(await nameOf(signsIn.email)).toBe(signsIn.displayName);
  });
});
