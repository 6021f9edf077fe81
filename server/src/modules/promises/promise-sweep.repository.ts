import type pg from "pg";
import type { PaymentEvent, PromiseEvent } from "../features/loan-history.js";

export interface SweepLoan {
  loanId: string;
  asOfDate: string;
  promises: (PromiseEvent & { key: string; status: string })[];
  payments: PaymentEvent[];
}

const group = <T extends { loan_id: string }>(rows: T[]) => {
  const by = new Map<string, T[]>();
  for (const r of rows) by.set(r.loan_id, [...(by.get(r.loan_id) ?? []), r]);
  return by;
};

/** The set-based SQL of the promise sweep. */
export class PromiseSweepRepository {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * The next loans (by id, after `afterId`) of worked portfolios that have a pending promise, with all their
   * promises and payments: arrangement instalments are judged on their arrangement's running total.
   */
  async loansWithPendingPromises(afterId: string, limit: number): Promise<SweepLoan[]> {
    const loans = await this.pool.query<{ id: string; as_of: string }>(
      `SELECT l.id, to_char(pf."asOfDate", 'YYYY-MM-DD') AS as_of FROM "Loan" l
         JOIN "Portfolio" pf ON pf.id = l."portfolioId" AND pf.kind = 'OPERATIONAL'
        WHERE l.id > $1::uuid AND EXISTS (SELECT 1 FROM "PromiseToPay" p WHERE p."loanId" = l.id AND p.status = 'PENDING')
        ORDER BY l.id LIMIT $2`,
      [afterId, limit],
    );
    if (loans.rows.length === 0) return [];
    const ids = loans.rows.map((l) => l.id);
    const [promises, payments] = await Promise.all([
      this.pool.query(
        `SELECT "loanId" AS loan_id, id, amount::text, to_char("promisedDate", 'YYYY-MM-DD') AS promised,
                "createdAt" AS created, status::text, "arrangementId" AS arrangement
           FROM "PromiseToPay" WHERE "loanId" = ANY($1::uuid[])`,
        [ids],
      ),
      this.pool.query(
        `SELECT "loanId" AS loan_id, id, type::text, amount::text, "paidAt" AS paid_at, "reversesPaymentId" AS reverses
           FROM "Payment" WHERE "loanId" = ANY($1::uuid[]) ORDER BY "paidAt"`,
        [ids],
      ),
    ]);
    const promisesBy = group(promises.rows);
    const paymentsBy = group(payments.rows);
    return loans.rows.map((l) => ({
      loanId: l.id,
      asOfDate: l.as_of,
      promises: (promisesBy.get(l.id) ?? []).map((p) => ({
        key: p.id,
        status: p.status,
        amount: p.amount,
        promisedDate: p.promised,
        createdAt: (p.created as Date).toISOString(),
        cancelled: p.status === "CANCELLED",
        arrangementId: p.arrangement,
      })),
      payments: (paymentsBy.get(l.id) ?? []).map((p) => ({
        key: p.id,
        type: p.type,
        amount: p.amount,
        paidAt: (p.paid_at as Date).toISOString(),
        reverses: p.reverses,
      })),
    }));
  }

  /**
   * Moves promises out of PENDING, each only if it is still PENDING: of several processes settling the same
   * promise, exactly one gets it back, so each break is announced once.
   */
  async settle(changes: { id: string; status: "KEPT" | "BROKEN" }[]) {
    if (changes.length === 0) return [];
    const res = await this.pool.query<{ id: string; loanId: string; status: "KEPT" | "BROKEN" }>(
      `UPDATE "PromiseToPay" p SET status = c.status::"PromiseStatus", "resolvedAt" = now()
         FROM unnest($1::uuid[], $2::text[]) AS c(id, status)
        WHERE p.id = c.id AND p.status = 'PENDING'
        RETURNING p.id, p."loanId" AS "loanId", p.status::text AS status`,
      [changes.map((c) => c.id), changes.map((c) => c.status)],
    );
    return res.rows;
  }

  /** Who works each loan now: its open or started task's assignee and team. */
  async owners(
    loanIds: string[],
  ): Promise<Map<string, { assigneeId: string | null; teamId: string | null }>> {
    const res = await this.pool.query<{
      loan_id: string;
      assignee_id: string | null;
      team_id: string | null;
    }>(
      `SELECT DISTINCT ON (t."loanId") t."loanId" AS loan_id, t."assigneeId" AS assignee_id,
              coalesce(t."teamId", u."teamId") AS team_id
         FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
        WHERE t."loanId" = ANY($1::uuid[]) AND t.status IN ('OPEN', 'IN_PROGRESS')
        ORDER BY t."loanId", t."createdAt" DESC`,
      [loanIds],
    );
    return new Map(res.rows.map((r) => [r.loan_id, { assigneeId: r.assignee_id, teamId: r.team_id }]));
  }
}
