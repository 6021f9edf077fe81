import type pg from "pg";
import { copyRows } from "../imports/bulk/copy-rows.js";
import { bucketForDpd } from "../loans/delinquency-bucket.js";
import { bucketHistory } from "./bucket-history.js";
import { daysPastDue } from "./days-past-due.js";
import type { LoanHistoryRepository, PortfolioRef, StoredLoanHistory } from "./loan-history.repository.js";
import { DEFAULT_PROMISE_RULE, type PromiseRule, promiseState } from "./promise-status.js";

/**
 * Stores a chunk's days past due, bucket and bucket history inside the caller's transaction; returns how many
 * loans changed bucket or days past due. Shared by the refresh job and batch rescoring.
 */
export async function writeDelinquency(
  client: pg.PoolClient,
  chunk: readonly StoredLoanHistory[],
  asOfDate: string,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): Promise<number> {
  const current: [string, number, string][] = [];
  const intervals: [string, string, string, string | null][] = [];
  for (const loan of chunk) {
    // Without any schedule we cannot compute delinquency: keep what the source said (a lender's loan book
    // may carry days past due without the instalments behind them).
    if (loan.history.schedule.length === 0) continue;
    const dpd = daysPastDue(loan.history, asOfDate);
    current.push([loan.loanId, dpd, bucketForDpd(dpd)]);
    for (const i of bucketHistory(loan.history))
      intervals.push([loan.loanId, i.bucket, i.enteredOn, i.leftOn]);
  }
  await client.query(`CREATE TEMP TABLE stage_dpd (id uuid, dpd int, bucket text) ON COMMIT DROP`);
  await copyRows(client, "stage_dpd", ["id", "dpd", "bucket"], current);
  const changed = await client.query(
    `UPDATE "Loan" l SET "currentDpd" = s.dpd, "currentBucket" = s.bucket::"DelinquencyBucket", "updatedAt" = now()
     FROM stage_dpd s WHERE l.id = s.id AND (l."currentDpd", l."currentBucket"::text) IS DISTINCT FROM (s.dpd, s.bucket)`,
  );
  await client.query(`DROP TABLE stage_dpd`);
  // Bucket histories are rewritten only for loans whose intervals changed: most do not between two runs,
  // and deleting and re-inserting millions of identical rows is most of a rescoring's write load.
  await client.query(
    `CREATE TEMP TABLE stage_bh (loan uuid, bucket text, entered date, left_on date) ON COMMIT DROP`,
  );
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
  await client.query(`DROP TABLE stage_bh, stage_bh_changed`);
  // Promise states are derived from payments (never typed in): store what the rule says as of the date.
  const promises: [string, string][] = [];
  for (const loan of chunk) {
    for (const p of loan.history.promises ?? []) {
      if (p.key && !p.cancelled)
        promises.push([p.key, promiseState(p, loan.history.payments, asOfDate, rule)]);
    }
  }
  if (promises.length > 0) {
    await client.query(`CREATE TEMP TABLE stage_promise (id uuid, status text) ON COMMIT DROP`);
    await copyRows(client, "stage_promise", ["id", "status"], promises);
    await client.query(
      `UPDATE "PromiseToPay" p SET status = s.status::"PromiseStatus",
         "resolvedAt" = CASE WHEN s.status = 'PENDING' THEN NULL ELSE coalesce(p."resolvedAt", now()) END
       FROM stage_promise s WHERE p.id = s.id AND p.status::text IS DISTINCT FROM s.status`,
    );
    await client.query(`DROP TABLE stage_promise`);
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
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      summary.changedBuckets += await writeDelinquency(client, chunk, portfolio.asOfDate, rule);
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
    summary.loans += chunk.length;
    onProgress(summary.loans);
  }
  return summary;
}
