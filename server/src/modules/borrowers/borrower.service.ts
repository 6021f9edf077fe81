import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, notFound } from "../../core/errors/app-error.js";
import { loanVisibilitySql } from "../loans/loan.access.js";
import { toBorrower } from "../loans/loan.mapper.js";
import { UUID } from "../loans/loan.service.js";
import type { Borrower } from "../loans/loan.types.js";
import { borrowerVisibility } from "./borrower.access.js";
import type { BorrowerRepository } from "./borrower.repository.js";
import { searchTerms } from "./borrower-search.js";

export const MAX_SEARCH_RESULTS = 50;

export class BorrowerService {
  constructor(private readonly borrowers: BorrowerRepository) {}

  /** A borrower the user may see; any other (another agent's, a reference portfolio's) is not found. */
  async getBorrower(principal: UserPrincipal, id: string): Promise<Borrower> {
    if (!UUID.test(id)) throw badInput(`Borrower id "${id}" is not a valid id (expected a UUID)`);
    const row = await this.borrowers.findOne({ AND: [{ id }, borrowerVisibility(principal)] });
    if (!row) throw notFound("Borrower", id);
    return toBorrower(row);
  }

  /** Borrowers in the user's scope by name, borrower or loan reference, or phone number; best match first. */
  async search(principal: UserPrincipal, query: string, first: number): Promise<Borrower[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
      throw badInput(`first must be between 1 and ${MAX_SEARCH_RESULTS}, got ${first}`);
    }
    const ids = await this.borrowers.search(searchTerms(query), loanVisibilitySql(principal, "l"), first);
    const rows = new Map((await this.borrowers.findByIds(ids)).map((r) => [r.id, toBorrower(r)]));
    return ids.flatMap((id) => rows.get(id) ?? []);
  }
}
