import type pg from "pg";
import type { DelinquencyBucket, RiskTier } from "../../generated/prisma/enums.js";
import { amountOverdueSql, paymentStandsSql } from "../loans/arrears-sql.js";
import type { DashboardScope, ScopeLookups } from "./dashboard-scope.js";
import { LATEST_SCORE, scopeCte } from "./dashboard-sql.js";

export interface BucketTierRow {
  bucket: DelinquencyBucket;
  tier: RiskTier | null;
  loans: number;
  balance: string;
}

export interface MonthMoneyRow {
  month: string;
  due: string;
  collected: string;
}

export interface TransitionRow {
  start: string;
  fromBucket: DelinquencyBucket;
  toBucket: DelinquencyBucket;
  loans: number;
}

export interface RiskyLoanRow {
  loanId: string;
  loanExternalKey: string;
  borrowerId: string;
  borrowerName: string | null;
  probability: number;
  tier: RiskTier;
  bucket: DelinquencyBucket;
  dpd: number;
  amountOverdue: string;
}

export interface PromiseCountRow {
  status: "PENDING" | "KEPT" | "BROKEN" | "CANCELLED";
  promises: number;
}

// Closed loans are history: they count in roll rates (they were on the books) but hold no balance or risk.
const OPEN_LOAN = `s.status <> 'CLOSED'`;

/** Set-based reads for the portfolio summary: every figure is one aggregate query over the scope. */
export class PortfolioSummaryRepository implements ScopeLookups {
  constructor(private readonly pool: pg.Pool) {}

  private async query<T extends pg.QueryResultRow>(
    scope: DashboardScope,
    body: string,
    extra: unknown[] = [],
  ) {
    const cte = scopeCte(scope);
    return (await this.pool.query<T>(`WITH ${cte.sql} ${body}`, [...cte.params, ...extra])).rows;
  }

  async operationalPortfolioExists(id: string): Promise<boolean> {
    const r = await this.pool.query(`SELECT 1 FROM "Portfolio" WHERE id = $1 AND kind = 'OPERATIONAL'`, [id]);
    return (r.rowCount ?? 0) > 0;
  }

  async teamExists(id: string): Promise<boolean> {
    return ((await this.pool.query(`SELECT 1 FROM "Team" WHERE id = $1`, [id])).rowCount ?? 0) > 0;
  }

  /** The latest as-of date of the scope's portfolios: the day the summary's figures are known to. */
  async asOfDate(scope: DashboardScope): Promise<string | null> {
    const rows = await this.query<{ as_of: string | null }>(
      scope,
      `SELECT to_char(max("asOfDate"), 'YYYY-MM-DD') AS as_of FROM scope`,
    );
    return rows[0]?.as_of ?? null;
  }

  /** Open loans and their balance by bucket and latest risk tier (null: not scored yet). */
  bucketTier(scope: DashboardScope): Promise<BucketTierRow[]> {
    return this.query<BucketTierRow>(
      scope,
      `SELECT s."currentBucket"::text AS bucket, ls.tier::text AS tier, count(*)::int AS loans,
              COALESCE(sum(s."outstandingBalance"), 0)::text AS balance
       FROM scope s LEFT JOIN ${LATEST_SCORE("s")} ON true
       WHERE ${OPEN_LOAN} GROUP BY 1, 2`,
    );
  }

  /** Per calendar month of [from, asOf]: amounts falling due, and payments received that still stand. */
  monthlyDueAndCollected(scope: DashboardScope, from: string, asOf: string): Promise<MonthMoneyRow[]> {
    return this.query<MonthMoneyRow>(
      scope,
      `, due AS (
         SELECT to_char(i."dueDate", 'YYYY-MM') AS month, sum(GREATEST(i."amountDue", 0)) AS amount
         FROM "Instalment" i JOIN scope s ON s.id = i."loanId"
         WHERE i."dueDate" BETWEEN $3::date AND $4::date GROUP BY 1),
       collected AS (
         SELECT to_char(pay."paidAt" AT TIME ZONE 'UTC', 'YYYY-MM') AS month, sum(pay.amount) AS amount
         FROM "Payment" pay JOIN scope s ON s.id = pay."loanId"
         WHERE pay."paidAt" >= $3::date::timestamp AT TIME ZONE 'UTC' AND ${paymentStandsSql("pay", "$4::date")}
         GROUP BY 1)
       SELECT COALESCE(d.month, c.month) AS month, COALESCE(d.amount, 0)::text AS due,
              COALESCE(c.amount, 0)::text AS collected
       FROM due d FULL JOIN collected c ON c.month = d.month`,
      [from, asOf],
    );
  }

  /**
   * Loans by bucket at the start and the end of each window, from stored bucket history: a loan is in the
   * interval with enteredOn <= day < leftOn (`bucketOn`, features/roll-rates.ts).
   */
  transitions(scope: DashboardScope, windows: readonly [string, string][]): Promise<TransitionRow[]> {
    const days = [...new Set(windows.flat())];
    return this.query<TransitionRow>(
      scope,
      `, at_day AS (
         SELECT bh."loanId" AS loan, d.day, bh.bucket
         FROM "BucketHistory" bh JOIN scope s ON s.id = bh."loanId"
         JOIN unnest($3::date[]) AS d(day) ON bh."enteredOn" <= d.day AND (bh."leftOn" IS NULL OR bh."leftOn" > d.day))
       SELECT to_char(w.start, 'YYYY-MM-DD') AS start, a.bucket::text AS "fromBucket", b.bucket::text AS "toBucket",
              count(*)::int AS loans
       FROM unnest($4::date[], $5::date[]) AS w(start, stop)
       JOIN at_day a ON a.day = w.start
       JOIN at_day b ON b.loan = a.loan AND b.day = w.stop
       GROUP BY w.start, a.bucket, b.bucket`,
      [days, windows.map((w) => w[0]), windows.map((w) => w[1])],
    );
  }

  /**
   * The riskiest open loan of each borrower, the riskiest borrowers first, with what the loan has overdue. Loans
   * in default are left out: their default has happened (PD 1), while this list is where one can still be
   * prevented.
   */
  riskiest(scope: DashboardScope, limit: number): Promise<RiskyLoanRow[]> {
    return this.query<RiskyLoanRow>(
      scope,
      `, best AS (
         SELECT DISTINCT ON (s."borrowerId") s.*, ls.probability, ls.tier
         FROM scope s CROSS JOIN ${LATEST_SCORE("s")}
         WHERE ${OPEN_LOAN} AND ls.tier <> 'IN_DEFAULT'
         ORDER BY s."borrowerId", ls.probability DESC, s.id),
       top AS (SELECT * FROM best ORDER BY probability DESC, id LIMIT $3)
       SELECT t.id AS "loanId", t."externalKey" AS "loanExternalKey", t."borrowerId", b."fullName" AS "borrowerName",
              t.probability, t.tier::text AS tier, t."currentBucket"::text AS bucket, t."currentDpd" AS dpd,
              ${amountOverdueSql("t.id", 't."asOfDate"')}::text AS "amountOverdue"
       FROM top t JOIN "Borrower" b ON b.id = t."borrowerId"
       ORDER BY t.probability DESC, t.id`,
      [limit],
    );
  }

  /** Promises of the scope's loans falling due in [from, asOf], by their derived state. */
  promiseCounts(scope: DashboardScope, from: string, asOf: string): Promise<PromiseCountRow[]> {
    return this.query<PromiseCountRow>(
      scope,
      `SELECT pr.status::text AS status, count(*)::int AS promises
       FROM "PromiseToPay" pr JOIN scope s ON s.id = pr."loanId"
       WHERE pr."promisedDate" BETWEEN $3::date AND $4::date GROUP BY 1`,
      [from, asOf],
    );
  }
}
