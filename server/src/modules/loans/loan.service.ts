import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, notFound } from "../../core/errors/app-error.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";
import { loanVisibility } from "./loan.access.js";
import { toLoan } from "./loan.mapper.js";
import type { LoanRepository } from "./loan.repository.js";
import type { Loan, LoanPage } from "./loan.types.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_PAGE_SIZE = 200;

export class LoanService {
  constructor(private readonly loans: LoanRepository) {}

  /** A loan the user may not see is reported as not found, so its existence does not leak. */
  async getLoan(principal: UserPrincipal, id: string): Promise<Loan> {
    if (!UUID.test(id)) throw badInput(`Loan id "${id}" is not a valid id (expected a UUID)`);
    const row = await this.loans.findOne({ AND: [{ id }, loanVisibility(principal)] });
    if (!row) throw notFound("Loan", id);
    return toLoan(row);
  }

  /** Loans of worked (operational) portfolios only: reference data sets are not cases anyone works. */
  async listLoans(principal: UserPrincipal, skip: number, take: number): Promise<LoanPage> {
    if (!Number.isInteger(skip) || skip < 0) throw badInput(`skip must be 0 or more, got ${skip}`);
    if (!Number.isInteger(take) || take < 1 || take > MAX_PAGE_SIZE) {
      throw badInput(`take must be between 1 and ${MAX_PAGE_SIZE}, got ${take}`);
    }
    const [rows, total] = await this.loans.findPage(
      { AND: [loanVisibility(principal), WORKED_LOANS] },
      skip,
      take,
    );
    return { items: rows.map(toLoan), total };
  }
}
