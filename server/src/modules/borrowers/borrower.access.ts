import type { UserPrincipal } from "../../core/auth/principal.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { loanVisibility } from "../loans/loan.access.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";

/**
 * Which borrowers a user may see: those with a loan of a worked portfolio the user may see (an agent's own
 * tasks' loans, a supervisor's team's, every loan for managers and admins). A borrower of a reference portfolio
 * is nobody's case: never visible, whatever the role.
 */
export function borrowerVisibility(principal: UserPrincipal): Prisma.BorrowerWhereInput {
  return { loans: { some: { AND: [loanVisibility(principal), WORKED_LOANS] } } };
}
