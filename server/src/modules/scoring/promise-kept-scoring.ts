import type pg from "pg";
import { promiseVector } from "../features/collection-features.js";
import type { LoanHistoryRepository } from "../features/loan-history.repository.js";
import type { PromiseRule } from "../features/promise-status.js";
import type { CollectionScorer } from "./collection-scoring.js";
import type { Reason } from "./explain/reason-codes.js";
import { RescoreRepository } from "./rescore.repository.js";

export interface PromiseKeptScore {
  probability: number;
  reasons: Reason[];
}

/**
 * The promise-kept score of a promise as it is logged: the loan as it stands (its features on the
 * portfolio's date), the amount overdue, and the promise's own terms (amount, share of the overdue amount,
 * days until its date, from the moment it was logged). Stored on the promise with its model's version.
 */
export class PromiseKeptScoring {
  /** Model version ids by version: a version row is made once per model, not per promise. */
  private versionIds = new Map<string, string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly histories: LoanHistoryRepository,
    private readonly scorer: CollectionScorer,
    private readonly rule: PromiseRule,
  ) {}

  /**
   * Scores the promise unless it has a score already (a replayed call); null without a promise-kept model or
   * for a promise that is not a promise of its own (an arrangement's instalment).
   */
  async score(promiseId: string): Promise<PromiseKeptScore | null> {
    const found = await this.pool.query<{
      loan_id: string;
      amount: string;
      promised: string;
      created: Date;
      arrangement: string | null;
      probability: number | null;
      reasons: Reason[] | null;
    }>(
      `SELECT "loanId" AS loan_id, amount::text, to_char("promisedDate", 'YYYY-MM-DD') AS promised, "createdAt" AS created,
              "arrangementId" AS arrangement, "keptProbability" AS probability, "keptReasons" AS reasons
         FROM "PromiseToPay" WHERE id = $1`,
      [promiseId],
    );
    const p = found.rows[0];
    if (!p || p.arrangement) return null;
    if (p.probability !== null) return { probability: p.probability, reasons: p.reasons ?? [] };
    if (!this.scorer.available()) return null;
    const loan = await this.histories.findOne(p.loan_id);
    if (!loan) return null;
    const history = loan.history;
    const promise = {
      key: promiseId,
      amount: p.amount,
      promisedDate: p.promised,
      createdAt: p.created.toISOString(),
    };
    const vector = promiseVector(history, promise, this.rule);
    const [score] = await this.scorer.score([vector], "predict");
    if (!score) return null;
    let versionId = this.versionIds.get(score.modelVersion);
    if (!versionId) {
      versionId = await RescoreRepository.activateModelVersion(this.pool, score.card, "PROMISE_KEPT");
      this.versionIds.set(score.modelVersion, versionId);
    }
    await this.pool.query(
      `UPDATE "PromiseToPay" SET "keptProbability" = $2, "keptModelVersionId" = $3, "keptReasons" = $4
        WHERE id = $1 AND "keptProbability" IS NULL`,
      [promiseId, score.probability, versionId, JSON.stringify(score.reasons)],
    );
    return { probability: score.probability, reasons: score.reasons };
  }
}
