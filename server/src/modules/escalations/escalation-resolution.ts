import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, conflict } from "../../core/errors/app-error.js";
import type { EscalationOutcome, LoanHandoff, LoanStatus } from "../../generated/prisma/enums.js";
import { AGENT_ACTIONS, type ResolveEscalationInput } from "./escalation.inputs.js";
import { escalationAuditState } from "./escalation.mapper.js";
import type { EscalationRepository, EscalationRow } from "./escalation.repository.js";
import type { EscalationWork } from "./escalation-cases.js";
import { visibleEscalation } from "./escalation-cases.js";

/**
 * Where each outcome leaves the loan. Handed off (agency, legal, written off) it gets no more agent tasks
 * from rescoring; legal also puts the borrower under legal hold, which the contact rules respect (no
 * contact at all); written off it is CHARGED_OFF. Agreed or returned, it is back on the floor.
 */
const LOAN_STATE: Record<
  EscalationOutcome,
  { handoff: LoanHandoff | null; status?: LoanStatus; legalHold?: boolean }
> = {
  RETURNED_TO_AGENT: { handoff: null },
  ARRANGEMENT_AGREED: { handoff: null },
  PLACED_WITH_AGENCY: { handoff: "AGENCY" },
  PLACED_WITH_LEGAL: { handoff: "LEGAL", legalHold: true },
  WRITTEN_OFF: { handoff: "WRITTEN_OFF", status: "CHARGED_OFF" },
};

/** The input's fields that only a return may carry, and a return's required ones, checked before any read. */
export function checkResolutionInput(input: ResolveEscalationInput, note: string | null): void {
  if (input.outcome === "RETURNED_TO_AGENT") {
    const missing = [
      ...(input.returnToAgentId ? [] : ["returnToAgentId: name the agent who gets the case back"]),
      ...(note ? [] : ["note: say what the agent should do: it travels with their task"]),
    ];
    if (missing.length > 0) throw badInput(`Outcome RETURNED_TO_AGENT needs ${missing.join("; ")}`);
    return;
  }
  const extra = (["returnToAgentId", "nextAction", "nextDueAt"] as const).filter((f) => input[f] != null);
  if (extra.length > 0) {
    throw badInput(`${extra.join(", ")}: only for outcome RETURNED_TO_AGENT (this one is ${input.outcome})`);
  }
}

/**
 * A recovery manager closes a taken escalation with its outcome (DONE), sets the loan's state, and, when
 * returned, opens the agent's next task with the manager's note.
 */
export async function resolveEscalation(
  repo: EscalationRepository,
  principal: UserPrincipal,
  input: ResolveEscalationInput,
  note: string | null,
): Promise<EscalationWork> {
  const { taskId, outcome } = input;
  const before = await visibleEscalation(repo, principal, taskId);
  if (before.status === "OPEN") {
    throw conflict(
      `Escalation ${taskId} is waiting in the queue: take it first (takeEscalation), then resolve it`,
      {
        status: before.status,
      },
    );
  }
  if (before.status !== "IN_PROGRESS") {
    throw conflict(`Escalation ${taskId} is already ${before.status.toLowerCase()}`, {
      status: before.status,
    });
  }
  const agent =
    outcome === "RETURNED_TO_AGENT" ? await returnee(repo, input.returnToAgentId as string) : null;
  const resolved = await repo.moveIfStatus(taskId, "IN_PROGRESS", {
    status: "DONE",
    escalationOutcome: outcome,
    outcomeNote: note,
    completedAt: new Date(),
    completedById: principal.userId,
  });
  if (!resolved) throw conflict(`Escalation ${taskId} changed meanwhile: try again`);
  await repo.setLoanState(before.loanId, LOAN_STATE[outcome]);
  const touched: EscalationWork["touched"] = [];
  if (agent) touched.push(await returnToAgent(repo, before, agent, input, note, principal));
  return {
    before: escalationAuditState(before),
    after: (await repo.findById(taskId)) as EscalationRow,
    touched,
  };
}

async function returnee(repo: EscalationRepository, agentId: string) {
  const agent = await repo.findUser(agentId);
  if (!agent?.active || agent.role !== "AGENT" || !agent.teamId) {
    throw badInput(
      `returnToAgentId: user ${agentId} is not an active agent of a team: choose an active agent who belongs to a team`,
      { field: "returnToAgentId" },
    );
  }
  return { id: agent.id, teamId: agent.teamId };
}

async function returnToAgent(
  repo: EscalationRepository,
  escalation: EscalationRow,
  agent: { id: string; teamId: string },
  input: ResolveEscalationInput,
  note: string | null,
  principal: UserPrincipal,
) {
  const recommendation = await repo.findActiveRecommendation(escalation.loanId);
  const recommended =
    recommendation && AGENT_ACTIONS.includes(recommendation.actionType) ? recommendation.actionType : null;
  const task = await repo.createReturnedTask({
    loanId: escalation.loanId,
    assigneeId: agent.id,
    teamId: agent.teamId,
    recommendationId: recommendation?.id ?? null,
    actionType: input.nextAction ?? recommended ?? "CALL",
    priority: escalation.priority,
    dueAt: input.nextDueAt ? new Date(input.nextDueAt) : new Date(),
    previousTaskId: escalation.id,
    handoverNote: note,
  });
  return {
    taskId: task.id,
    assigneeId: agent.id,
    teamId: agent.teamId,
    status: "OPEN",
    updatedById: principal.userId,
  };
}
