import type pg from "pg";
import { inTransaction } from "../../core/db/pg-transaction.js";
import { copyRows } from "../imports/bulk/copy-rows.js";
import { bucketForDpd } from "../loans/delinquency-bucket.js";
import { bucketHistory } from "./bucket-history.js";
import { daysPastDue } from "./days-past-due.js";
import type { LoanHistoryRepository, PortfolioRef, StoredLoanHistory } from "./loan-history.repository.js";
import { dayOf } from "./money-and-days.js";
import { DEFAULT_PROMISE_RULE, type PromiseRule, promiseStates } from "./promise-status.js";

/** A chunk's delinquency as rows to store: computed apart from the transaction that stores them. */
export interface DelinquencyRows {
  /** Days past due of every loan of the chunk, in its order (the stored figure when there is no schedule). */
  dpd: number[];
  /** [loan, days past due, bucket] of the loans with a schedule: only these are recomputed. */
  current: [string, number, string][];
  /** [loan, bucket, entered on, left on] */
  intervals: [string, string, string, string | null][];
  /** [promise, status] */
  promises: [string, string][];
}

export function delinquencyRows(
  chunk: readonly StoredLoanHistory[],
  asOfDate: string,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): DelinquencyRows {
  const rows: DelinquencyRows = { dpd: [], current: [], intervals: [], promises: [] };
  for (const loan of chunk) {
    // Without any schedule we cannot compute delinquency: keep what the source said (a lender's loan book
    // may carry days past due without the instalments behind them).
    if (loan.history.schedule.length === 0) {
      rows.dpd.push(loan.storedDpd);
    } else {
      const dpd = daysPastDue(loan.history, asOfDate);
      rows.dpd.push(dpd);
      rows.current.push([loan.loanId, dpd, bucketForDpd(dpd)]);
      for (const i of bucketHistory(loan.history))
        rows.intervals.push([loan.loanId, i.bucket, i.enteredOn, i.leftOn]);
    }
    // Promise states are derived from payments (never typed in): store what the rule says as of the date.
    // A promise made after that date (logged live while the data is older) is not judged by it.
    const promises = loan.history.promises ?? [];
    const states = promiseStates(promises, loan.history.payments, asOfDate, rule);
    promises.forEach((p, i) => {
      if (p.key && !p.cancelled && (!p.createdAt || dayOf(p.createdAt) <= asOfDate))
        rows.promises.push([p.key, states[i] as string]);
    });
  }
  return rows;
}

/**
 * Stores a chunk's days past due, bucket, bucket history and promise states inside the caller's
 * transaction (one per chunk: the staging tables are dropped at its commit); returns how many loans changed bucket or days past due. Shared by the refresh job and batch
 * rescoring.
 */
export async function storeDelinquency(
  client: pg.PoolClient,
  rows: DelinquencyRows,
  opts: {
    /**
     * Leave promises that are PENDING as they are: the server's promise sweep settles them, and announces
     * each one that breaks (promiseBroken) exactly once.
     */
    leavePending?: boolean;
  } = {},
): Promise<number> {
  const { current, intervals, promises } = rows;
  // One round trip for the staging tables (they go at commit): a chunk's writes are a chain of statements,
  // and each round trip waits on both ends.
  await client.query(
    `CREATE TEMP TABLE stage_dpd (id uuid, dpd int, bucket text) ON COMMIT DROP;
     CREATE TEMP TABLE stage_bh (loan uuid, bucket text, entered date, left_on date) ON COMMIT DROP;
     CREATE TEMP TABLE stage_promise (id uuid, status text) ON COMMIT DROP`,
  );
  await copyRows(client, "stage_dpd", ["id", "dpd", "bucket"], current);
  const changed = await client.query(
    `UPDATE "Loan" l SET "currentDpd" = s.dpd, "currentBucket" = s.bucket::"DelinquencyBucket", "updatedAt" = now()
     FROM stage_dpd s WHERE l.id = s.id AND (l."currentDpd", l."currentBucket"::text) IS DISTINCT FROM (s.dpd, s.bucket)`,
  );
  // Bucket histories are rewritten only for loans whose intervals changed: most do not between two runs,
  // and deleting and re-inserting millions of identical rows is most of a rescoring's write load.
  await copyRows(client, "stage_bh", ["loan", "bucket", "entered", "left_on"], intervals);
  await client.query(
    `CREATE TEMP TABLE stage_bh_changed ON COMMIT DROP AS
     WITH chunk AS (SELECT unnest($1::uuid[]) AS loan),
     old AS (SELECT b."loanId" AS loan, b.bucket::text AS bucket, b."enteredOn" AS entered, b."leftOn" AS left_on
             FROM "BucketHistory" b JOIN chunk c ON c.loan = b."loanId"),
     diff AS ((SELECT * FROM stage_bh EXCEPT ALL SELECT * FROM old) UNION ALL (SELECT * FROM old EXCEPT ALL SELECT * FROM stage_bh))
     SELECT DISTINCT loan FROM diff`,
    [current.map(([id]) => id)],
  );
  await client.query(`DELETE FROM "BucketHistory" b USING stage_bh_changed c WHERE b."loanId" = c.loan`);
  await client.query(
    `INSERT INTO "BucketHistory" ("loanId", bucket, "enteredOn", "leftOn")
     SELECT s.loan, s.bucket::"DelinquencyBucket", s.entered, s.left_on FROM stage_bh s JOIN stage_bh_changed c ON c.loan = s.loan`,
  );
  if (promises.length > 0) {
    await copyRows(client, "stage_promise", ["id", "status"], promises);
    await client.query(
      `UPDATE "PromiseToPay" p SET status = s.status::"PromiseStatus",
         "resolvedAt" = CASE WHEN s.status = 'PENDING' THEN NULL ELSE coalesce(p."resolvedAt", now()) END
       FROM stage_promise s WHERE p.id = s.id AND p.status::text IS DISTINCT FROM s.status
         AND NOT ($1::boolean AND p.status = 'PENDING')`,
      [opts.leavePending === true],
    );
  }
  return changed.rowCount ?? 0;
}

export interface RefreshSummary {
  loans: number;
  changedBuckets: number;
}

/**
 * Recomputes, as of the portfolio's date, every loan's days past due, current bucket and bucket history, and
 * stores them (one transaction per chunk). Run after payments arrive or the as-of date moves; a re-run with
 * nothing new changes nothing.
 */
export async function refreshDelinquency(
  pool: pg.Pool,
  repo: LoanHistoryRepository,
  portfolio: PortfolioRef,
  onProgress: (loans: number) => void = () => {},
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): Promise<RefreshSummary> {
  const summary: RefreshSummary = { loans: 0, changedBuckets: 0 };
  for await (const chunk of repo.stream(portfolio)) {
    const rows = delinquencyRows(chunk, portfolio.asOfDate, rule); // computed before the transaction opens
    summary.changedBuckets += await inTransaction(pool, (client) => storeDelinquency(client, rows));
    summary.loans += chunk.length;
    onProgress(summary.loans);
  }
  return summary;
}
