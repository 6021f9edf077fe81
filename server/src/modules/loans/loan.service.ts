import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, notFound } from "../../core/errors/app-error.js";
import { decodeCursor, type Page, pageSize, toPage } from "../../core/graphql/cursor-page.js";
import { loanVisibility, loanVisibilitySql } from "./loan.access.js";
import type { LoanFilter, LoanSort } from "./loan.inputs.js";
import { toLoan, toPortfolio } from "./loan.mapper.js";
import type { LoanRepository } from "./loan.repository.js";
import type { Loan, Portfolio } from "./loan.types.js";
import type { LoanListRepository } from "./loan-list.repository.js";
import { LoanSortField, SortDirection } from "./loan-sort.js";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A loan list cursor's key: a number as PostgreSQL prints it (a missing value sorts at an infinity).
const SORT_KEY = /^(-?Infinity|-?\d+(\.\d+)?)$/;

export interface LoanListArgs {
  first?: number | null;
  after?: string | null;
  filter?: LoanFilter | null;
  sort?: LoanSort | null;
}

export const DEFAULT_LOAN_SORT: LoanSort = {
  field: LoanSortField.DAYS_PAST_DUE,
  direction: SortDirection.DESC,
};

export class LoanService {
  constructor(
    private readonly loans: LoanRepository,
    private readonly lists: LoanListRepository,
  ) {}

  /** A loan the user may not see is reported as not found, so its existence does not leak. */
  async getLoan(principal: UserPrincipal, id: string): Promise<Loan> {
    if (!UUID.test(id)) throw badInput(`Loan id "${id}" is not a valid id (expected a UUID)`);
    const row = await this.loans.findOne({ AND: [{ id }, loanVisibility(principal)] });
    if (!row) throw notFound("Loan", id);
    return toLoan(row);
  }

  /** The portfolios lists and dashboards may be narrowed to: the operational ones (names are no secret). */
  async operationalPortfolios(): Promise<Portfolio[]> {
    return (await this.loans.findOperationalPortfolios()).map(toPortfolio);
  }

  /**
   * A page of the loans the user may see, of worked (operational) portfolios only: reference data sets are not
   * cases anyone works. Keyset-paginated, so pages neither skip nor repeat loans as the list is read.
   */
  async listLoans(principal: UserPrincipal, args: LoanListArgs): Promise<Page<Loan>> {
    const first = pageSize(args.first);
    const after = args.after ? decodeCursor(args.after) : null;
    if (after && (!SORT_KEY.test(String(after.key)) || !UUID.test(after.id))) {
      throw badInput(
        `after: "${args.after}" is not a cursor of the loan list: pass an endCursor it returned`,
      );
    }
    const query = {
      visibility: loanVisibilitySql(principal, "l"),
      filter: args.filter ?? {},
      sort: args.sort ?? DEFAULT_LOAN_SORT,
      first,
      after,
    };
    const keys = await this.lists.page(query);
    const loans = new Map((await this.loans.findByIds(keys.map((k) => k.id))).map((r) => [r.id, toLoan(r)]));
    return toPage(
      keys,
      first,
      (k) => ({ key: k.key, id: k.id }),
      (k) => loans.get(k.id) as Loan,
      () => this.lists.count(query),
      after !== null,
    );
  }
}
