import type { Db } from "../../core/db/prisma-client.js";
import { AMOUNT_OVERDUE_SQL } from "./loan-list.repository.js";

/** Loans' arrears, computed in PostgreSQL for a page of loans at a time. */
export class LoanArrearsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Each loan's amount overdue as of its portfolio's date, as a decimal string: what fell due before that day
   * minus the payments that stand by then (made by then and not undone by a reversal or bounced debit made by
   * then), never below zero. Payments settle the oldest amounts first (features/payment-allocation.ts), so
   * whatever was paid went to the amounts already due before any later one: the difference of the two sums
   * is exactly the unpaid part of the amounts due. One statement, through the loan-and-date indexes of
   * Instalment and Payment.
   */
  async amountOverdue(loanIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.$queryRaw<{ id: string; overdue: string }[]>`
      SELECT l.id, ${AMOUNT_OVERDUE_SQL}::text AS overdue
      FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
      WHERE l.id = ANY(${[...loanIds]}::uuid[])`;
    return new Map(rows.map((r) => [r.id, r.overdue]));
  }
}
