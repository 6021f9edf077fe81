import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPgPool } from "../../server/src/core/db/pg-pool.js";
import { createPrismaClient, type Db } from "../../server/src/core/db/prisma-client.js";
import { refreshDelinquency } from "../../server/src/modules/features/delinquency-refresh.js";
import { LoanHistoryRepository } from "../../server/src/modules/features/loan-history.repository.js";
import { amountOverdueSql } from "../../server/src/modules/loans/arrears-sql.js";
import { bucketForDpd } from "../../server/src/modules/loans/delinquency-bucket.js";
import type {} from "../../server/test/global-setup.js";
import { DEMO_PORTFOLIO, type DemoSeedSummary, seedDemo } from "./demo-seed.js";
import { DEMO_TEAMS, DEMO_USERS } from "./demo-users.js";

interface LoanRow {
  key: string;
  dpd: number;
  bucket: string;
  status: string;
  overdue: string;
  instalments: number;
  payments: number;
}

describe("the demo portfolio", () => {
  let pool: pg.Pool;
  let db: Db;
  let existingUsers: string[] = [];
  let existingTeams: string[] = [];
  let seeded: DemoSeedSummary;
  const emails = DEMO_USERS.map((u) => u.email);

  beforeAll(async () => {
    pool = createPgPool(inject("databaseUrl"));
    db = createPrismaClient(inject("databaseUrl"));
    existingUsers = (
      await pool.query<{ email: string }>(`SELECT email FROM "User" WHERE email = ANY($1)`, [emails])
    ).rows.map((r) => r.email);
    existingTeams = (
      await pool.query<{ name: string }>(`SELECT name FROM "Team" WHERE name = ANY($1)`, [[...DEMO_TEAMS]])
    ).rows.map((r) => r.name);
  });

  afterAll(async () => {
    // Only what this test created: the portfolio (its records cascade), then the users and teams it added.
    await pool.query(`DELETE FROM "Portfolio" WHERE name = $1`, [DEMO_PORTFOLIO]);
    await pool.query(`DELETE FROM "User" WHERE email = ANY($1) AND NOT email = ANY($2)`, [
      emails,
      existingUsers,
    ]);
    await pool.query(`DELETE FROM "Team" WHERE name = ANY($1) AND NOT name = ANY($2)`, [
      [...DEMO_TEAMS],
      existingTeams,
    ]);
    await db.$disconnect();
    await pool.end();
  });

  it("has histories that the delinquency refresh reads back as the intended days past due", async () => {
    seeded = await seedDemo(db, pool, () => {});
    expect(seeded.loans).toHaveLength(60);
    expect(seeded.loans.filter((l) => l.dpd >= 90).length).toBeGreaterThan(0);

    const histories = new LoanHistoryRepository(pool);
    const portfolio = (await histories.portfolios()).find((p) => p.name === DEMO_PORTFOLIO);
    if (!portfolio) throw new Error("the demo portfolio was not written");
    await refreshDelinquency(pool, histories, portfolio);

    const rows = (
      await pool.query<LoanRow>(
        `SELECT l."externalKey" AS key, l."currentDpd" AS dpd, l."currentBucket"::text AS bucket,
                l.status::text AS status, ${amountOverdueSql("l.id", 'p."asOfDate"')}::text AS overdue,
                (SELECT count(*)::int FROM "Instalment" i WHERE i."loanId" = l.id) AS instalments,
                (SELECT count(*)::int FROM "Payment" x WHERE x."loanId" = l.id) AS payments
         FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
         WHERE p.name = $1 ORDER BY l."externalKey"`,
        [DEMO_PORTFOLIO],
      )
    ).rows;
    const found = new Map(rows.map((r) => [r.key, r]));
    expect(rows.map((r) => r.key)).toEqual(seeded.loans.map((l) => l.key));
    for (const intended of seeded.loans) {
      const row = found.get(intended.key) as LoanRow;
      const what = `${intended.key} (meant ${intended.dpd} days past due)`;
      expect(row.dpd, what).toBe(intended.dpd);
      expect(row.bucket, what).toBe(bucketForDpd(intended.dpd));
      expect(row.status, what).toBe(
        intended.dpd >= 90 ? "DEFAULTED" : intended.dpd > 0 ? "DELINQUENT" : "ACTIVE",
      );
      expect(row.instalments, what).toBeGreaterThan(0);
      expect(row.payments, what).toBeGreaterThan(0);
      if (intended.dpd > 0) expect(Number(row.overdue), what).toBeGreaterThan(0);
      else expect(Number(row.overdue), what).toBe(0);
    }

    // The case the portal's tests open first: 130 days behind, with the contacts of a loan in collections.
    const worst = await pool.query<{ contacts: number; promises: number }>(
      `SELECT (SELECT count(*)::int FROM "Communication" c WHERE c."loanId" = l.id) AS contacts,
              (SELECT count(*)::int FROM "PromiseToPay" x WHERE x."loanId" = l.id) AS promises
       FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
       WHERE p.name = $1 AND l."externalKey" = 'DEMO-0057'`,
      [DEMO_PORTFOLIO],
    );
    expect(found.get("DEMO-0057")?.dpd).toBe(130);
    expect(worst.rows[0]?.contacts).toBeGreaterThan(0);
  });

  it("gives each demo agent open work in their own team", async () => {
    const tasks = await pool.query<{ email: string; team: string; open: number }>(
      `SELECT u.email, tm.name AS team, count(*)::int AS open
       FROM "Task" t JOIN "Loan" l ON l.id = t."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId"
       JOIN "User" u ON u.id = t."assigneeId" JOIN "Team" tm ON tm.id = t."teamId"
       WHERE p.name = $1 AND t.status = 'OPEN' GROUP BY u.email, tm.name ORDER BY u.email`,
      [DEMO_PORTFOLIO],
    );
    expect(tasks.rows.map((r) => [r.email, r.team])).toEqual([
      ["agent2@creditpath.local", "Collections East"],
      ["agent3@creditpath.local", "Collections West"],
      ["agent@creditpath.local", "Collections East"],
    ]);
    for (const r of tasks.rows) expect(r.open, r.email).toBeGreaterThan(0);
  });

  it("changes nothing when seeded again, after the refresh too", async () => {
    const again = await seedDemo(db, pool, () => {});
    expect(again.loans).toEqual(seeded.loans);
    expect(again.changed).toBe(0);
  });
});
