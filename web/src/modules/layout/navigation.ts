import type { UserRole } from "../auth/session.types";

export interface NavEntry {
  to: string;
  label: string;
}

const AGENT: NavEntry[] = [
  { to: "/worklist", label: "Worklist" },
  { to: "/loans", label: "My loans" },
  { to: "/promises", label: "Promises" },
];

const SUPERVISOR: NavEntry[] = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/tasks", label: "Team tasks" },
  { to: "/loans", label: "Loans" },
  { to: "/borrowers", label: "Borrowers" },
  { to: "/promises", label: "Promises" },
  { to: "/escalations", label: "Escalations" },
  { to: "/policy", label: "Policy" },
  { to: "/model-health", label: "Model health" },
];

const MANAGER: NavEntry[] = [
  { to: "/escalations", label: "Escalations" },
  { to: "/dashboard", label: "Dashboard" },
  { to: "/tasks", label: "Tasks" },
  { to: "/loans", label: "Loans" },
  { to: "/borrowers", label: "Borrowers" },
  { to: "/promises", label: "Promises" },
  { to: "/policy", label: "Policy" },
  { to: "/model-health", label: "Model health" },
];

const NAVIGATION: Record<UserRole, NavEntry[]> = {
  AGENT,
  SUPERVISOR,
  MANAGER,
  ADMIN: [MANAGER[1], ...MANAGER.filter((_, i) => i !== 1)].filter((e): e is NavEntry => e !== undefined),
};

/** The pages a role works with, its home page first. */
export function navigationFor(role: UserRole): NavEntry[] {
  return NAVIGATION[role] ?? AGENT;
}

/** Where a role lands after signing in: agents on their worklist, supervisors and admins on the dashboard,
 * recovery managers on the escalations queue. */
export function homePathFor(role: UserRole): string {
  return navigationFor(role)[0]?.to ?? "/loans";
}
