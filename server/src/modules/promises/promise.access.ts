import type { UserPrincipal } from "../../core/auth/principal.js";
import { notFound } from "../../core/errors/app-error.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { loanVisibility } from "../loans/loan.access.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";
import type { PromiseRepository } from "./promise.repository.js";

/**
 * The loans whose promises and arrangements a user may see and record: those `loanVisibility` allows
 * (agents the loans behind their own tasks, supervisors their team's, managers and admins all) and that
 * people work (never a reference portfolio).
 */
export const promiseScope = (principal: UserPrincipal): Prisma.LoanWhereInput => ({
  AND: [loanVisibility(principal), WORKED_LOANS],
});

/** The loan, locked for the change, if the user may work it; otherwise it is reported as not found. */
export async function workableLoan(repo: PromiseRepository, principal: UserPrincipal, loanId: string) {
  const loan = await repo.lockLoan(loanId, promiseScope(principal));
  if (!loan) throw notFound("Loan", loanId);
  return loan;
}
