import type { CallerRole, Target } from "./matrix-world.js";

/**
 * Who may use an operation, in the words of the product's access rules:
 * - `signedIn`: every role, on nothing in particular (the caller's own profile, the active policy);
 * - `mine`: every role, on the objects assigned to the caller only (a worklist);
 * - `work`: an agent on their own work, a supervisor on their team's, managers and admins on everyone's;
 * - `teamLead`: as `work`, but agents may not use it at all;
 * - `teamLeadNoObject`: supervisors, managers and admins, on nothing in particular;
 * - `manager`: recovery managers and admins; `admin`: admins only.
 */
export type Access = "signedIn" | "mine" | "work" | "teamLead" | "teamLeadNoObject" | "manager" | "admin";

/** "ok" is an answer without errors (for a list: the target's object is in it); NOT_FOUND looks absent. */
export type Outcome = "ok" | "NOT_FOUND" | "FORBIDDEN";

export function expectedOutcome(access: Access, role: CallerRole, target: Target): Outcome {
  switch (access) {
    case "signedIn":
      return "ok";
    case "mine":
      return role === "AGENT" && target === "own" ? "ok" : "NOT_FOUND";
    case "work":
    case "teamLead":
      if (access === "teamLead" && role === "AGENT") return "FORBIDDEN";
      if (role === "MANAGER" || role === "ADMIN") return "ok";
      if (role === "SUPERVISOR") return target === "otherTeam" ? "NOT_FOUND" : "ok";
      return target === "own" ? "ok" : "NOT_FOUND";
    case "teamLeadNoObject":
      return role === "AGENT" ? "FORBIDDEN" : "ok";
    case "manager":
      return role === "MANAGER" || role === "ADMIN" ? "ok" : "FORBIDDEN";
    case "admin":
      return role === "ADMIN" ? "ok" : "FORBIDDEN";
  }
}

/** Operations whose answer does not depend on whose object is tried: tried once per role. */
export function dependsOnTarget(access: Access): boolean {
  return access === "mine" || access === "work" || access === "teamLead";
}
