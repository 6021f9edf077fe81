import type { UserPrincipal } from "../../core/auth/principal.js";

/**
 * Who sees an escalation: recovery managers and admins all of them; a supervisor their team's, read-only
 * (they follow what happens to their agents' cases but only managers take and resolve); agents none (they
 * escalate, and hear back through the task a manager returns).
 */
export function canSeeEscalation(principal: UserPrincipal, escalation: { teamId: string | null }): boolean {
  switch (principal.role) {
    case "ADMIN":
    case "MANAGER":
      return true;
    case "SUPERVISOR":
      return principal.teamId !== null && escalation.teamId === principal.teamId;
    case "AGENT":
      return false;
  }
}

/** Taking and resolving escalations is the recovery managers' work (admins may stand in). */
export const worksEscalations = (principal: UserPrincipal): boolean =>
  principal.role === "MANAGER" || principal.role === "ADMIN";
