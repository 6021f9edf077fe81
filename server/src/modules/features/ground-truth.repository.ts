import type pg from "pg";

/**
 * What the synthetic generator knows and the platform cannot: its true probabilities of the collection
 * outcomes (seeds/README.md, "The ground truth"). Read only to put beside training rows, never as a feature.
 */
export interface LoanGroundTruth {
  /** Probability of paying enough within the window, by snapshot day (collection-outcomes.ts). */
  propensityToPay: Map<string, number>;
  /** Probability that each promise is kept, by the promise's id. */
  promiseKept: Map<string, number>;
}

interface StoredTruth {
  propensityToPay?: { asOfDate: string; probability: number }[];
  promiseKept?: Record<string, number>;
}

export class GroundTruthRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** The generator's truths for these loans; loans without any (imported data) are left out. */
  async forLoans(loanIds: string[]): Promise<Map<string, LoanGroundTruth>> {
    const [loans, promises] = await Promise.all([
      this.pool.query<{ id: string; truth: StoredTruth | null }>(
        `SELECT id, attributes->'groundTruth' AS truth FROM "Loan" WHERE id = ANY($1::uuid[])`,
        [loanIds],
      ),
      this.pool.query<{ id: string; loan_id: string; key: string | null }>(
        `SELECT id, "loanId" AS loan_id, "externalKey" AS key FROM "PromiseToPay" WHERE "loanId" = ANY($1::uuid[])`,
        [loanIds],
      ),
    ]);
    const stored = new Map(loans.rows.map((l) => [l.id, l.truth]));
    const out = new Map<string, LoanGroundTruth>();
    for (const { id, truth } of loans.rows) {
      if (!truth?.propensityToPay && !truth?.promiseKept) continue;
      out.set(id, {
        propensityToPay: new Map((truth.propensityToPay ?? []).map((t) => [t.asOfDate, t.probability])),
        promiseKept: new Map(),
      });
    }
    for (const p of promises.rows) {
      const loan = out.get(p.loan_id);
      const probability = p.key === null ? undefined : stored.get(p.loan_id)?.promiseKept?.[p.key];
      if (loan && probability !== undefined) loan.promiseKept.set(p.id, probability);
    }
    return out;
  }
}
