import type { UserPrincipal } from "../../core/auth/principal.js";
import type { Prisma } from "../../generated/prisma/client.js";

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
