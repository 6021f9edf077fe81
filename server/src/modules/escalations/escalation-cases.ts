import type { UserPrincipal } from "../../core/auth/principal.js";
import { conflict, forbidden, notFound } from "../../core/errors/app-error.js";
import type { TaskUpdatedEvent } from "../../core/pubsub/pubsub.js";
import { isWorked } from "../portfolio/portfolio-kind.js";
import { canSeeTask } from "../tasks/task.access.js";
import { canSeeEscalation } from "./escalation.access.js";
import type { EscalateCaseInput } from "./escalation.inputs.js";
import { escalationAuditState } from "./escalation.mapper.js";
import { ESCALATE, type EscalationRepository, type EscalationRow } from "./escalation.repository.js";

/** How long a recovery manager has to look at a case a person escalated. */
const RESPONSE_HOURS = 24;
const DEFAULT_PRIORITY = 2;

export interface EscalationWork {
  before: Record<string, unknown> | null;
  after: EscalationRow;
  /** Other tasks the step changed (the agent task an escalation replaced, the task a return created). */
  touched: TaskUpdatedEvent[];
  extraAfter?: Record<string, unknown>;
}

/** An escalation the principal may see; any other (or a task that is no escalation) is not found. */
export async function visibleEscalation(
  repo: EscalationRepository,
  principal: UserPrincipal,
  taskId: string,
) {
  const row = await repo.findById(taskId);
  if (!row || !canSeeEscalation(principal, row)) throw notFound("Escalation", taskId);
  return row;
}

/**
 * A person escalates a loan they may work: its open agent task is settled (started work is completed with
 * outcome ESCALATED, unstarted work cancelled with reason ESCALATED) and the escalation takes its place.
 */
export async function escalateCase(
  repo: EscalationRepository,
  principal: UserPrincipal,
  input: Pick<EscalateCaseInput, "loanId" | "reason">,
  note: string | null,
): Promise<EscalationWork> {
  const { loanId } = input;
  const loan = await repo.findVisibleLoan(principal, loanId);
  if (!loan) throw notFound("Loan", loanId);
  if (!isWorked(loan.portfolio.kind)) {
    throw conflict(
      `Loan ${loanId} belongs to a reference portfolio (training data): nobody works it to escalate`,
    );
  }
  const open = await repo.findOpenTask(loanId);
  if (open?.actionType === ESCALATE) {
    const state =
      open.status === "OPEN" ? "waiting for a recovery manager" : `taken by ${open.assignee?.displayName}`;
    throw conflict(
      `Loan ${loanId} already has an open escalation (${open.id}, ${state}): tell the recovery manager what ` +
        "is new instead of escalating again",
      { escalationId: open.id },
    );
  }
  const openTeam = open ? (open.teamId ?? open.assignee?.teamId ?? null) : null;
  if (open && !canSeeTask(principal, { assigneeId: open.assigneeId, teamId: openTeam })) {
    throw forbidden(`Loan ${loanId}'s open task is not yours to escalate: ask its agent or their supervisor`);
  }
  const touched: TaskUpdatedEvent[] = [];
  const settled = (status: string) =>
    open &&
    touched.push({
      taskId: open.id,
      assigneeId: open.assigneeId,
      teamId: openTeam,
      status,
      updatedById: principal.userId,
    });
  if (open?.status === "IN_PROGRESS") {
    const done = await repo.moveIfStatus(open.id, "IN_PROGRESS", {
      status: "DONE",
      outcome: "ESCALATED",
      completedAt: new Date(),
      completedById: principal.userId,
    });
    if (!done) throw conflict(`Loan ${loanId}'s open task changed meanwhile: try again`);
    settled("DONE");
  }
  const recommendation = await repo.findActiveRecommendation(loanId);
  const { created, replaced } = await repo.openEscalations([
    {
      loanId,
      teamId:
        openTeam ?? (principal.role === "AGENT" || principal.role === "SUPERVISOR" ? principal.teamId : null),
      recommendationId: recommendation?.id ?? null,
      priority: open?.priority ?? DEFAULT_PRIORITY,
      dueAt: new Date(Date.now() + RESPONSE_HOURS * 3_600_000),
      reason: input.reason,
      escalatedById: principal.userId,
      note,
    },
  ]);
  const escalation = created[0];
  if (!escalation) throw conflict(`Loan ${loanId}'s open task changed meanwhile: try again`);
  if (replaced.length > 0) settled("CANCELLED");
  const before = open
    ? { loanOpenTask: { id: open.id, status: open.status, assigneeId: open.assigneeId } }
    : null;
  const after = (await repo.findById(escalation.id)) as EscalationRow;
  return { before, after, touched, extraAfter: { replacedTask: touched[0] ?? null } };
}

/** A recovery manager takes a waiting escalation: it is theirs (assigned) and in progress. */
export async function takeEscalation(
  repo: EscalationRepository,
  principal: UserPrincipal,
  taskId: string,
): Promise<EscalationWork> {
  const before = await visibleEscalation(repo, principal, taskId);
  if (before.status === "IN_PROGRESS") {
    const who = before.assignee?.id === principal.userId ? "you" : before.assignee?.displayName;
    throw conflict(`Escalation ${taskId} was already taken by ${who}`, { status: before.status });
  }
  if (before.status !== "OPEN") {
    throw conflict(`Escalation ${taskId} is ${before.status.toLowerCase()}: nothing to take`, {
      status: before.status,
    });
  }
  const now = new Date();
  const moved = await repo.moveIfStatus(taskId, "OPEN", {
    assigneeId: principal.userId,
    status: "IN_PROGRESS",
    startedAt: now,
    startedById: principal.userId,
  });
  if (!moved) throw conflict(`Escalation ${taskId} was taken meanwhile by another manager`);
  return {
    before: escalationAuditState(before),
    after: (await repo.findById(taskId)) as EscalationRow,
    touched: [],
  };
}
