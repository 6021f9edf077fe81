import type { UserRole } from "./session.types";

export const ROLE_LABELS: Record<UserRole, string> = {
  AGENT: "Agent",
  SUPERVISOR: "Supervisor",
  MANAGER: "Recovery manager",
  ADMIN: "Administrator",
};

export function roleLabel(role: string): string {
  return Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as UserRole] : role;
}
