import type { UserPrincipal } from "../../core/auth/principal.js";
import type { Db } from "../../core/db/prisma-client.js";
import { type RelatedList, type RelatedRow, relatedPageLoader } from "../../core/db/related-pages.js";
import { Prisma } from "../../generated/prisma/client.js";
import { contactsList, promisesList } from "../loan-360/loan-360.lists.js";
import { loanVisibilitySql } from "../loans/loan.access.js";

/** A borrower's loans that the caller may see (of worked portfolios), most days past due first, as ids. */
function borrowerLoansList(principal: UserPrincipal): RelatedList<RelatedRow, string> {
  return {
    table: "Loan",
    parent: "borrowerId",
    order: { column: "currentDpd", type: "int", desc: true },
    select: Prisma.sql`x."externalKey"`,
    joins: Prisma.sql`JOIN "Portfolio" p ON p.id = x."portfolioId"`,
    where: Prisma.sql`p.kind = 'OPERATIONAL' AND ${loanVisibilitySql(principal, "x")}`,
    toNode: (r) => r.id,
  };
}

/** The lists of borrowers' views, for one request (one statement per list, whatever the number of borrowers). */
export function createBorrowerLoaders(db: Db) {
  const loansByCaller = new Map<string, ReturnType<typeof relatedPageLoader<RelatedRow, string>>>();
  return {
    borrowerContacts: relatedPageLoader(db, contactsList("borrowerId")),
    borrowerPromises: relatedPageLoader(db, promisesList("borrowerId")),
    /** The caller's scope is part of the list: one loader per caller (a request has one). */
    borrowerLoanIds(principal: UserPrincipal) {
      let loader = loansByCaller.get(principal.userId);
      if (!loader) {
        loader = relatedPageLoader(db, borrowerLoansList(principal));
        loansByCaller.set(principal.userId, loader);
      }
      return loader;
    },
  };
}
