import type { EscalationRow } from "./escalation.repository.js";
import type { Escalation } from "./escalation.types.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toEscalation(row: EscalationRow, now = new Date()): Escalation {
  const until = row.completedAt ?? now;
  return {
    id: row.id,
    loanId: row.loanId,
    teamId: row.teamId,
    status: row.status,
    // Escalations made before reasons existed were the policy's (the migration sets them too).
    reason: row.escalationReason ?? "RECOMMENDED",
    note: row.escalationNote,
    priority: row.priority,
    dueAt: row.dueAt.toISOString(),
    escalatedAt: row.createdAt.toISOString(),
    ageMinutes: Math.max(0, Math.floor((until.getTime() - row.createdAt.getTime()) / 60_000)),
    escalatedBy: row.escalatedBy,
    takenBy: row.startedAt ? row.assignee : null,
    takenAt: iso(row.startedAt),
    outcome: row.escalationOutcome,
    resolutionNote: row.outcomeNote,
    resolvedAt: iso(row.completedAt),
    resolvedBy: row.completedBy,
    returnedTaskId: row.followUps[0]?.id ?? null,
  };
}

/** An escalation as the audit trail records it: codes, ids and times, never the notes. */
export function escalationAuditState(row: EscalationRow) {
  return {
    status: row.status,
    reason: row.escalationReason,
    priority: row.priority,
    teamId: row.teamId,
    takenById: row.assignee?.id ?? null,
    outcome: row.escalationOutcome,
    returnedTaskId: row.followUps[0]?.id ?? null,
    loanStatus: row.loan.status,
    loanHandoff: row.loan.handoff,
    borrowerLegalHold: row.loan.borrower.legalHold,
  };
}

export type EscalationAuditState = ReturnType<typeof escalationAuditState>;
