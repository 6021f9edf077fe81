import type { UserPrincipal } from "../../core/auth/principal.js";
import type { TaskRow } from "./task.repository.js";
import type { TaskFollowUpRepository } from "./task-follow-up.repository.js";

/** A callback the borrower asked for is a promise made to them: the most urgent kind of work. */
export const CALLBACK_PRIORITY = 1;
const CALLBACK_ACTION = "CALL" as const;

/** A contact logged with outcome CALLBACK_REQUESTED and the time the borrower asked to be called. */
export interface CallbackRequest {
  loanId: string;
  communicationId: string;
  callbackAt: Date;
  requestedBy: UserPrincipal;
}

/** What a callback request did to the loan's tasks. */
export type CallbackFollowUp =
  | { kind: "created"; task: TaskRow }
  /** The loan's unstarted task now is the callback (its state before, for the audit trail). */
  | { kind: "aligned"; task: TaskRow; before: TaskRow }
  /** The loan's open task is being worked (or is a manager's escalation): the callback waits for it to close. */
  | { kind: "deferred"; behind: TaskRow };

interface Owner {
  assigneeId: string | null;
  teamId: string | null;
}

/**
 * Who calls back: the agent who took the request (the borrower was told "I will call you"); when a
 * supervisor or manager took it, the agent who last worked the loan; else nobody yet, in the team that
 * last worked it, for its supervisor to assign.
 */
async function callbackOwner(repo: TaskFollowUpRepository, req: CallbackRequest): Promise<Owner> {
  const by = req.requestedBy;
  if (by.role === "AGENT") return { assigneeId: by.userId, teamId: by.teamId };
  const last = await repo.findLastWorked(req.loanId);
  const agent = last?.assignee;
  if (agent?.active && agent.role === "AGENT") return { assigneeId: agent.id, teamId: agent.teamId };
  return { assigneeId: null, teamId: last?.teamId ?? agent?.teamId ?? by.teamId };
}

const callbackFields = (req: CallbackRequest) => ({
  communicationId: req.communicationId,
  actionType: CALLBACK_ACTION,
  priority: CALLBACK_PRIORITY,
  dueAt: req.callbackAt,
});

/**
 * Makes the loan's one open task the callback, due when the borrower asked (at most one open task per loan):
 * - no open task: a new CALL task, priority 1, due at the callback time;
 * - an unstarted task: brought in line with the callback (action, priority, due time), keeping its assignee;
 * - a task in progress, or an escalation awaiting a manager: left as it is, and the callback waits. A started
 *   task is never rewritten (its assignee is working it to an outcome of their choosing), and closing it on
 *   their behalf would record an outcome nobody chose; a second open task is what the partial unique index
 *   forbids. The request stays on the contact (callbackAt, no task carrying it), and completing the open task
 *   opens the follow-up (`followUpPendingCallback`), in the same transaction as the completion.
 */
export async function followUpCallback(
  repo: TaskFollowUpRepository,
  req: CallbackRequest,
): Promise<CallbackFollowUp> {
  // Twice at most: a task opened or started by a concurrent writer between the read and the write.
  for (let attempt = 0; attempt < 2; attempt++) {
    const open = await repo.findOpenForLoan(req.loanId);
    if (!open) {
      const id = await repo.createUnlessOpen({
        loanId: req.loanId,
        ...(await callbackOwner(repo, req)),
        ...callbackFields(req),
      });
      if (id) return { kind: "created", task: (await repo.findById(id)) as TaskRow };
      continue;
    }
    if (open.status === "IN_PROGRESS" || open.actionType === "ESCALATE_TO_RECOVERY_MANAGER") {
      return { kind: "deferred", behind: open };
    }
    const owner = open.assigneeId ? {} : await callbackOwner(repo, req);
    if (await repo.alignIfOpen(open.id, { ...callbackFields(req), ...owner })) {
      return { kind: "aligned", task: (await repo.findById(open.id)) as TaskRow, before: open };
    }
  }
  const open = await repo.findOpenForLoan(req.loanId);
  if (open) return { kind: "deferred", behind: open };
  throw new Error(`The tasks of loan ${req.loanId} kept changing while a callback was scheduled: try again`);
}

/**
 * When a loan's open task closes: the callback asked for while it was open, if any and not yet carried by a
 * task, becomes the loan's next task, for the closed task's assignee (who took the request, or works the loan).
 */
export async function followUpPendingCallback(
  repo: TaskFollowUpRepository,
  closed: TaskRow,
): Promise<TaskRow | null> {
  const pending = await repo.findPendingCallback(closed.loanId, closed.id);
  if (!pending) return null;
  const id = await repo.createUnlessOpen({
    loanId: closed.loanId,
    communicationId: pending.communicationId,
    assigneeId: closed.assigneeId,
    teamId: closed.teamId ?? closed.assignee?.teamId ?? null,
    actionType: CALLBACK_ACTION,
    priority: CALLBACK_PRIORITY,
    dueAt: pending.callbackAt,
  });
  return id ? repo.findById(id) : null;
}
