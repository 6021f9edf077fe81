import type pg from "pg";
import { inTransaction } from "../../core/db/pg-transaction.js";
import { copyRows } from "../imports/bulk/copy-rows.js";
import { bucketForDpd } from "../loans/delinquency-bucket.js";
import { bucketHistory, bucketHistoryKey } from "./bucket-history.js";
import { daysPastDue } from "./days-past-due.js";
import type { LoanHistoryRepository, PortfolioRef, StoredLoanHistory } from "./loan-history.repository.js";
import { dayOf } from "./money-and-days.js";
import { DEFAULT_PROMISE_RULE, type PromiseRule, promiseStates } from "./promise-status.js";

/**
 * A chunk's delinquency as rows to store: computed apart from the transaction that stores them. Of loans read
 * with what is stored for them (`StoredLoanHistory.stored`), only what differs is listed, so a re-run with
 * nothing new writes nothing.
 */
export interface DelinquencyRows {
  /** Days past due of every loan of the chunk, in its order (the stored figure when there is no schedule). */
  dpd: number[];
  /** [loan, days past due, bucket] of the loans with a schedule whose figures changed. */
  current: [string, number, string][];
  /** The loans whose bucket history is replaced by their `intervals` (none for a loan means an empty history). */
  historyLoans: string[];
  /** [loan, bucket, entered on, left on] of the `historyLoans` */
  intervals: [string, string, string, string | null][];
  /** [promise, status] */
  promises: [string, string][];
}

export function delinquencyRows(
  chunk: readonly StoredLoanHistory[],
  asOfDate: string,
  rule: PromiseRule = DEFAULT_PROMISE_RULE,
): DelinquencyRows {
  const rows: DelinquencyRows = { dpd: [], current: [], historyLoans: [], intervals: [], promises: [] };
  for (const loan of chunk) {
    const stored = loan.stored;
    // Without any schedule we cannot compute delinquency: keep what the source said (a lender's loan book
    // may carry days past due without the instalments behind them).
    if (loan.history.schedule.length === 0) {
      rows.dpd.push(loan.storedDpd);
    } else {
      const dpd = daysPastDue(loan.history, asOfDate);
      const bucket = bucketForDpd(dpd);
      rows.dpd.push(dpd);
      if (!stored || dpd !== loan.storedDpd || bucket !== stored.bucket)
        rows.current.push([loan.loanId, dpd, bucket]);
      const intervals = bucketHistory(loan.history);
      if (!stored || bucketHistoryKey(intervals) !== stored.bucketHistory) {
        rows.historyLoans.push(loan.loanId);
        for (const i of intervals) rows.intervals.push([loan.loanId, i.bucket, i.enteredOn, i.leftOn]);
      }
    }
    // Promise states are derived from payments (never typed in): store what the rule says as of the date.
    // A promise made after that date (logged live while the data is older) is not judged by it.
    const promises = loan.history.promises ?? [];
    const states = promiseStates(promises, loan.history.payments, asOfDate, rule);
    promises.forEach((p, i) => {
      const state = states[i] as string;
      if (
        p.key &&
        !p.cancelled &&
        (!p.createdAt || dayOf(p.createdAt) <= asOfDate) &&
        stored?.promiseStatus[p.key] !== state
      )
        rows.promises.push([p.key, state]);
    });
  }
  return rows;
}

/** Whether the rows change nothing (then no transaction is needed to store them). */
export function changesNothing(rows: DelinquencyRows): boolean {
  return rows.current.length === 0 && rows.historyLoans.length === 0 && rows.promises.length === 0;
}

/**
 * Stores a chunk's days past due, bucket, bucket history and promise states inside the caller's
 * transaction (one per chunk: the staging tables are dropped at its commit); returns how many loans changed
 * bucket or days past due. Shared by the refresh job and batch rescoring. Each part is written only when the
 * rows list something for it.
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
  const { current, historyLoans, intervals, promises } = rows;
  let changed = 0;
  if (current.length > 0) {
    await client.query(`CREATE TEMP TABLE stage_dpd (id uuid, dpd int, bucket text) ON COMMIT DROP`);
    await copyRows(client, "stage_dpd", ["id", "dpd", "bucket"], current);
    const updated = await client.query(
      `UPDATE "Loan" l SET "currentDpd" = s.dpd, "currentBucket" = s.bucket::"DelinquencyBucket", "updatedAt" = now()
       FROM stage_dpd s WHERE l.id = s.id AND (l."currentDpd", l."currentBucket"::text) IS DISTINCT FROM (s.dpd, s.bucket)`,
    );
    changed = updated.rowCount ?? 0;
  }
  // Bucket histories are rewritten only for loans whose intervals changed: most do not between two runs,
  // and deleting and re-inserting millions of identical rows is most of a rescoring's write load.
  if (historyLoans.length > 0) {
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
      [historyLoans],
    );
    await client.query(`DELETE FROM "BucketHistory" b USING stage_bh_changed c WHERE b."loanId" = c.loan`);
    await client.query(
      `INSERT INTO "BucketHistory" ("loanId", bucket, "enteredOn", "leftOn")
       SELECT s.loan, s.bucket::"DelinquencyBucket", s.entered, s.left_on FROM stage_bh s JOIN stage_bh_changed c ON c.loan = s.loan`,
    );
  }
  if (promises.length > 0) {
    await client.query(`CREATE TEMP TABLE stage_promise (id uuid, status text) ON COMMIT DROP`);
    await copyRows(client, "stage_promise", ["id", "status"], promises);
    await client.query(
      `UPDATE "PromiseToPay" p SET status = s.status::"PromiseStatus",
         "resolvedAt" = CASE WHEN s.status = 'PENDING' THEN NULL ELSE coalesce(p."resolvedAt", now()) END
       FROM stage_promise s WHERE p.id = s.id AND p.status::text IS DISTINCT FROM s.status
         AND NOT ($1::boolean AND p.status = 'PENDING')`,
      [opts.leavePending === true],
    );
  }
  return changed;
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
  for await (const chunk of repo.stream(portfolio, 2000, undefined, { storedDelinquency: true })) {
    const rows = delinquencyRows(chunk, portfolio.asOfDate, rule); // computed before the transaction opens
    if (!changesNothing(rows))
      summary.changedBuckets += await inTransaction(pool, (client) => storeDelinquency(client, rows));
    summary.loans += chunk.length;
    onProgress(summary.loans);
  }
  return summary;
}
