import DataLoader from "dataloader";
import type { Db } from "../../core/db/prisma-client.js";
import { LoanArrearsRepository } from "./loan-arrears.repository.js";

/** Each loan's amount overdue (decimal string), for the loans of one request in one query. */
export function createLoanArrearsLoaders(db: Db) {
  const repo = new LoanArrearsRepository(db);
  return {
    amountOverdueByLoanId: new DataLoader<string, string>(async (loanIds) => {
      const byLoan = await repo.amountOverdue(loanIds);
      return loanIds.map((id) => byLoan.get(id) ?? new Error(`No loan ${id}`));
    }),
  };
}
