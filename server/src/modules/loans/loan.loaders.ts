import DataLoader from "dataloader";
import { toBorrower, toLoan, toPortfolio } from "./loan.mapper.js";
import type { LoanRepository } from "./loan.repository.js";
import type { Borrower, Loan, Portfolio } from "./loan.types.js";

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | Error)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? new Error(`No record ${id}`));
}

/**
 * Batches the loan, borrower and portfolio look-ups of one request into one query each. `loanById` does not
 * check visibility: it serves relations (a task's loan) whose parent was already checked.
 */
export function createLoanLoaders(repo: LoanRepository) {
  return {
    loanById: new DataLoader<string, Loan>(async (ids) => byId(ids, (await repo.findByIds(ids)).map(toLoan))),
    borrowerById: new DataLoader<string, Borrower>(async (ids) =>
      byId(ids, (await repo.findBorrowersByIds(ids)).map(toBorrower)),
    ),
    portfolioById: new DataLoader<string, Portfolio>(async (ids) =>
      byId(ids, (await repo.findPortfoliosByIds(ids)).map(toPortfolio)),
    ),
  };
}
