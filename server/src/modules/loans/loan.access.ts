import type { UserPrincipal } from "../../core/auth/principal.js";
import { Prisma } from "../../generated/prisma/client.js";

/**
 * Which loans a user may see: agents their own work (a task assigned to them), supervisors their team's
 * work, managers and admins everything. The one definition of loan visibility.
 */
export function loanVisibility(principal: UserPrincipal): Prisma.LoanWhereInput {
  switch (principal.role) {
    case "ADMIN":
    case "MANAGER":
      return {};
    case "SUPERVISOR":
      if (!principal.teamId) return { id: { in: [] } };
      return {
        tasks: { some: { OR: [{ teamId: principal.teamId }, { assignee: { teamId: principal.teamId } }] } },
      };
    case "AGENT":
      return { tasks: { some: { assigneeId: principal.userId } } };
  }
}

/**
 * `loanVisibility` as an SQL condition on the loan aliased `loan`, for the hand-written list and search
 * queries (sorted by computed keys, matched on normalised phone numbers) that Prisma cannot express. The same
 * rule: keep the two together; the loan and borrower integration tests run both per role.
 */
export function loanVisibilitySql(principal: UserPrincipal, loan: string): Prisma.Sql {
  const l = Prisma.raw(loan);
  switch (principal.role) {
    case "ADMIN":
    case "MANAGER":
      return Prisma.sql`TRUE`;
    case "SUPERVISOR":
      if (!principal.teamId) return Prisma.sql`FALSE`;
      return Prisma.sql`EXISTS (SELECT 1 FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
        WHERE t."loanId" = ${l}.id AND (t."teamId" = ${principal.teamId}::uuid OR u."teamId" = ${principal.teamId}::uuid))`;
    case "AGENT":
      return Prisma.sql`EXISTS (SELECT 1 FROM "Task" t
        WHERE t."loanId" = ${l}.id AND t."assigneeId" = ${principal.userId}::uuid)`;
  }
}
