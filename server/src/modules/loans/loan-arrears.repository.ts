import type { Db } from "../../core/db/prisma-client.js";
import { AMOUNT_OVERDUE_SQL } from "./arrears-sql.js";

/** Loans' arrears, computed in PostgreSQL for a page of loans at a time. */
export class LoanArrearsRepository {
  constructor(private readonly db: Db) {}

  /** Each loan's amount overdue as of its portfolio's date (arrears-sql.ts), as a decimal string. */
  async amountOverdue(loanIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.$queryRaw<{ id: string; overdue: string }[]>`
      SELECT l.id, ${AMOUNT_OVERDUE_SQL}::text AS overdue
      FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
      WHERE l.id = ANY(${[...loanIds]}::uuid[])`;
    return new Map(rows.map((r) => [r.id, r.overdue]));
  }
}
