import type { UserPrincipal } from "../../core/auth/principal.js";
import type { Db } from "../../core/db/prisma-client.js";
import { notFound } from "../../core/errors/app-error.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import { type AppPubSub, Topic } from "../../core/pubsub/pubsub.js";
import type { CommunicationChannel } from "../../generated/prisma/enums.js";
import type { Contact } from "../communications/contact.types.js";
import { toContactProfile } from "../contact-rules/borrower-contact-profile.js";
import { checkChannel, type PastContact } from "../contact-rules/contact-rules.js";
import { loanVisibility } from "../loans/loan.access.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";
import { contactRuleResult } from "../recommendations/contact-rule-result.js";
import type { ContactRuleResult } from "../recommendations/contact-rule-result.types.js";
import type { PolicyService } from "../recommendations/policy.service.js";
import { canSeeTask } from "../tasks/task.access.js";
import type { TaskRow } from "../tasks/task.repository.js";
import { toTask } from "../tasks/task.service.js";
import { type CallbackFollowUp, followUpCallback } from "../tasks/task-follow-up.js";
import { TaskFollowUpRepository } from "../tasks/task-follow-up.repository.js";
import { contactNotAllowed } from "./contact.errors.js";
import type { ContactCheckArgs, LogContactInput } from "./contact.inputs.js";
import { ContactRepository, type ContactRow } from "./contact.repository.js";
import { CallbackFollowUpKind, type LogContactPayload } from "./contact.types.js";
import { parseInstant } from "./contact.validation.js";

const DAY_MS = 86_400_000;

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    loanId: row.loanId,
    borrowerId: row.borrowerId,
    agentId: row.agentId,
    channel: row.channel,
    direction: row.direction,
    outcome: row.outcome,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationSeconds: row.durationSeconds,
    notes: row.notes,
    callbackAt: row.callbackAt?.toISOString() ?? null,
  };
}

/** The contact as the audit trail records it: codes, ids and times, never the notes. */
function contactAuditState(row: ContactRow, followUp: CallbackFollowUp | null) {
  return {
    loanId: row.loanId,
    borrowerId: row.borrowerId,
    channel: row.channel,
    direction: row.direction,
    outcome: row.outcome,
    startedAt: row.startedAt.toISOString(),
    durationSeconds: row.durationSeconds,
    callbackAt: row.callbackAt?.toISOString() ?? null,
    followUp: followUp?.kind ?? null,
    followUpTaskId: followUp ? (followUp.kind === "deferred" ? followUp.behind : followUp.task).id : null,
  };
}

const KIND: Record<CallbackFollowUp["kind"], CallbackFollowUpKind> = {
  created: CallbackFollowUpKind.CREATED,
  aligned: CallbackFollowUpKind.UPDATED,
  deferred: CallbackFollowUpKind.AFTER_OPEN_TASK,
};

const teamOf = (t: TaskRow) => t.teamId ?? t.assignee?.teamId ?? null;

/** What logging a contact did, with what live subscribers must hear once it is committed. */
export interface LoggedContactChange {
  payload: LogContactPayload;
  after: ReturnType<typeof contactAuditState>;
  /** The follow-up task opened (for its assignee) or brought in line with the callback. */
  taskEvent: { taskId: string; assigneeId: string | null; teamId: string | null; opened: boolean } | null;
  replayed: boolean;
}

/** Contacts with borrowers: what the rules allow before dialling, and the log of what happened. */
export class ContactService {
  constructor(
    private readonly db: Db,
    private readonly idempotency: IdempotencyService,
    private readonly policies: PolicyService,
    private readonly pubsub: AppPubSub,
  ) {}

  /** Whether the contact rules allow contacting the loan's borrower on `channel` now: what to show before dialling. */
  async check(principal: UserPrincipal, { loanId, channel }: ContactCheckArgs): Promise<ContactRuleResult> {
    const repo = new ContactRepository(this.db);
    const loan = await visibleLoan(repo, principal, loanId);
    return this.verdict(repo, loan.borrowerId, channel, new Date());
  }

  /**
   * Records a contact on a loan the user may see. An outbound one the contact rules forbid at the moment it
   * was made is refused (CONTACT_NOT_ALLOWED, with the rules' verdict); an inbound one is always recorded. A
   * callback request makes the loan's open task the callback (`followUpCallback`). Once per idempotency key.
   */
  async log(principal: UserPrincipal, input: LogContactInput): Promise<LoggedContactChange> {
    const { idempotencyKey, ...request } = input;
    const { result, replayed } = await this.idempotency.run(
      { userId: principal.userId, key: idempotencyKey, operation: "logContact", input: request },
      (tx) => this.record(new ContactRepository(tx), new TaskFollowUpRepository(tx), principal, input),
    );
    if (!replayed && result.taskEvent) this.publish(principal, result.taskEvent);
    return { ...result, replayed };
  }

  private async record(
    repo: ContactRepository,
    tasks: TaskFollowUpRepository,
    principal: UserPrincipal,
    input: LogContactInput,
  ): Promise<Omit<LoggedContactChange, "replayed">> {
    const loan = await visibleLoan(repo, principal, input.loanId);
    await repo.lockBorrower(loan.borrowerId);
    const startedAt = parseInstant(input.startedAt) as Date;
    if (input.direction === "OUTBOUND") {
      const verdict = await this.verdict(repo, loan.borrowerId, input.channel, startedAt);
      if (!verdict.allowed) throw contactNotAllowed(input.channel, startedAt, verdict);
    }
    const callbackAt = input.outcome === "CALLBACK_REQUESTED" ? parseInstant(input.callbackAt) : null;
    const row = await repo.create({
      loanId: loan.id,
      borrowerId: loan.borrowerId,
      agentId: principal.userId,
      channel: input.channel,
      direction: input.direction,
      outcome: input.outcome,
      startedAt,
      endedAt: new Date(startedAt.getTime() + input.durationSeconds * 1000),
      durationSeconds: input.durationSeconds,
      notes: input.notes?.trim() || null,
      callbackAt,
    });
    const followUp = callbackAt
      ? await followUpCallback(tasks, {
          loanId: loan.id,
          communicationId: row.id,
          callbackAt,
          requestedBy: principal,
        })
      : null;
    const shown = followUp && (followUp.kind === "deferred" ? followUp.behind : followUp.task);
    return {
      payload: {
        contact: toContact(row),
        followUp: followUp ? KIND[followUp.kind] : null,
        // The task it waits for may be another agent's: shown only to those who may see it.
        followUpTask:
          shown && canSeeTask(principal, { assigneeId: shown.assigneeId, teamId: teamOf(shown) })
            ? toTask(shown)
            : null,
      },
      after: contactAuditState(row, followUp),
      taskEvent:
        followUp && followUp.kind !== "deferred"
          ? {
              taskId: followUp.task.id,
              assigneeId: followUp.task.assigneeId,
              teamId: teamOf(followUp.task),
              opened: followUp.kind === "created",
            }
          : null,
    };
  }

  /** The contact rules' verdict on `channel` at `at`, from the active policy and the borrower's history. */
  private async verdict(
    repo: ContactRepository,
    borrowerId: string,
    channel: CommunicationChannel,
    at: Date,
  ): Promise<ContactRuleResult> {
    const [borrower, policy] = await Promise.all([
      repo.findBorrower({ id: borrowerId }),
      this.policies.active(),
    ]);
    if (!borrower) throw notFound("Borrower", borrowerId);
    const rules = policy.contactRules;
    // The rules look back 7 days (the call limit) or the days after a conversation, whichever is longer.
    const lookBack = Math.max(7, rules.noCallDaysAfterConversation) * DAY_MS;
    const history = await repo.findHistory(borrowerId, new Date(at.getTime() - lookBack), at);
    const past: PastContact[] = history.map((c) => ({ ...c, at: c.startedAt }));
    const profile = toContactProfile(borrower);
    return contactRuleResult(checkChannel(channel, at, profile, past, rules), profile.timeZone);
  }

  private publish(principal: UserPrincipal, e: NonNullable<LoggedContactChange["taskEvent"]>) {
    if (e.opened && e.assigneeId) {
      this.pubsub.publish(Topic.TASK_ASSIGNED, {
        taskId: e.taskId,
        assigneeId: e.assigneeId,
        assignedById: principal.userId,
      });
    }
    this.pubsub.publish(Topic.TASK_UPDATED, {
      taskId: e.taskId,
      assigneeId: e.assigneeId,
      teamId: e.teamId,
      status: "OPEN",
      updatedById: principal.userId,
    });
  }
}

/** The loan, if the user may see it and it is worked (a reference data set's loan is no case to contact). */
async function visibleLoan(repo: ContactRepository, principal: UserPrincipal, loanId: string) {
  const loan = await repo.findLoan({ AND: [{ id: loanId }, loanVisibility(principal), WORKED_LOANS] });
  if (!loan) throw notFound("Loan", loanId);
  return loan;
}
