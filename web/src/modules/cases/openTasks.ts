import type { CaseTask } from "./graphql/caseView";

const OPEN = new Set(["OPEN", "IN_PROGRESS"]);

/** The loan's open agent task (at most one per loan), if any: what the agent starts and completes. */
export function openAgentTask(tasks: readonly CaseTask[]): CaseTask | null {
  return tasks.find((t) => OPEN.has(t.status) && t.actionType !== "ESCALATE_TO_RECOVERY_MANAGER") ?? null;
}

/** The loan's escalation waiting for (or taken by) a recovery manager, if any. */
export function openEscalation(tasks: readonly CaseTask[]): CaseTask | null {
  return tasks.find((t) => OPEN.has(t.status) && t.actionType === "ESCALATE_TO_RECOVERY_MANAGER") ?? null;
}
