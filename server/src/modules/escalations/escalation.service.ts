import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, forbidden } from "../../core/errors/app-error.js";
import { type Page, pageOfRows } from "../../core/graphql/cursor-page.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import { type AppPubSub, Topic } from "../../core/pubsub/pubsub.js";
import { worksEscalations } from "./escalation.access.js";
import type {
  EscalateCaseInput,
  EscalationsArgs,
  ResolveEscalationInput,
  TakeEscalationArgs,
} from "./escalation.inputs.js";
import { escalationAuditState, toEscalation } from "./escalation.mapper.js";
import { EscalationRepository } from "./escalation.repository.js";
import type { Escalation } from "./escalation.types.js";
import { type EscalationWork, escalateCase, takeEscalation, visibleEscalation } from "./escalation-cases.js";
import { checkResolutionInput, resolveEscalation } from "./escalation-resolution.js";

/** What an escalation mutation did, for its answer and the audit trail. */
export interface EscalationChange {
  escalation: Escalation;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  replayed: boolean;
}

const CURSOR_PREFIX = "escalation:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (id: string) => Buffer.from(CURSOR_PREFIX + id).toString("base64url");

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString();
  const id = text.slice(CURSOR_PREFIX.length);
  if (!text.startsWith(CURSOR_PREFIX) || !UUID.test(id)) {
    throw badInput("after must be the endCursor of an earlier page of escalations", { field: "after" });
  }
  return id;
}

// No team has this id: a supervisor outside every team sees an empty queue.
const NO_TEAM = "00000000-0000-0000-0000-000000000000";

const cleanNote = (note: string | null | undefined) => note?.trim() || null;

export class EscalationService {
  constructor(
    private readonly repo: EscalationRepository,
    private readonly idempotency: IdempotencyService,
    private readonly pubsub: AppPubSub,
  ) {}

  /** The queue: managers and admins every team's, a supervisor their team's (read-only); agents none. */
  async list(principal: UserPrincipal, args: EscalationsArgs): Promise<Page<Escalation>> {
    if (principal.role === "AGENT") {
      throw forbidden("Agents do not see the escalation queue: escalate a case with escalateCase");
    }
    // A supervisor without a team has no team's escalations to see.
    const query = {
      status: args.status,
      teamId: principal.role === "SUPERVISOR" ? (principal.teamId ?? NO_TEAM) : undefined,
    };
    const rows = await this.repo.findPage({
      ...query,
      after: args.after ? decodeCursor(args.after) : undefined,
      take: args.first + 1,
    });
    return pageOfRows(
      rows,
      args.first,
      (r) => encodeCursor(r.id),
      (r) => toEscalation(r),
      () => this.repo.count(query),
      Boolean(args.after),
    );
  }

  async getVisible(principal: UserPrincipal, taskId: string): Promise<Escalation> {
    return toEscalation(await visibleEscalation(this.repo, principal, taskId));
  }

  /** Agents escalate loans behind their own tasks, supervisors their team's, managers and admins any. */
  async escalate(principal: UserPrincipal, input: EscalateCaseInput): Promise<EscalationChange> {
    const { loanId, reason } = input;
    const note = cleanNote(input.note);
    const change = await this.once(
      principal,
      "escalateCase",
      input.idempotencyKey,
      { loanId, reason, note },
      (repo) => escalateCase(repo, principal, { loanId, reason }, note),
    );
    if (!change.replayed) {
      this.pubsub.publish(Topic.ESCALATION_CREATED, {
        taskId: change.escalation.id,
        loanId,
        teamId: change.escalation.teamId,
        escalatedById: principal.userId,
      });
    }
    return change;
  }

  /** A recovery manager (or admin) takes a waiting escalation. */
  take(principal: UserPrincipal, { taskId, idempotencyKey }: TakeEscalationArgs): Promise<EscalationChange> {
    if (!worksEscalations(principal)) {
      throw forbidden(
        "Only recovery managers take escalations: supervisors follow their team's in the queue",
      );
    }
    return this.once(principal, "takeEscalation", idempotencyKey, { taskId }, (repo) =>
      takeEscalation(repo, principal, taskId),
    );
  }

  /** A recovery manager (or admin) closes a taken escalation with its outcome. */
  async resolve(principal: UserPrincipal, input: ResolveEscalationInput): Promise<EscalationChange> {
    if (!worksEscalations(principal)) {
      throw forbidden("Only recovery managers resolve escalations");
    }
    const note = cleanNote(input.note);
    checkResolutionInput(input, note);
    const { idempotencyKey, ...rest } = input;
    const change = await this.once(
      principal,
      "resolveEscalation",
      idempotencyKey,
      { ...rest, note },
      (repo) => resolveEscalation(repo, principal, input, note),
    );
    return change;
  }

  /**
   * Runs a step at most once per idempotency key, in one transaction; live subscribers hear of the tasks it
   * changed after the commit.
   */
  private async once(
    principal: UserPrincipal,
    operation: string,
    key: string,
    input: Record<string, unknown>,
    work: (repo: EscalationRepository) => Promise<EscalationWork>,
  ): Promise<EscalationChange & { touched?: EscalationWork["touched"] }> {
    const { result, replayed } = await this.idempotency.run(
      { userId: principal.userId, key, operation, input },
      async (tx) => {
        const done = await work(new EscalationRepository(tx));
        return {
          escalation: toEscalation(done.after),
          before: done.before,
          after: { ...escalationAuditState(done.after), ...done.extraAfter },
          touched: done.touched,
        };
      },
    );
    if (!replayed) {
      const { escalation, after } = result;
      this.pubsub.publish(Topic.TASK_UPDATED, {
        taskId: escalation.id,
        assigneeId: (after.takenById as string | null) ?? null,
        teamId: escalation.teamId,
        status: escalation.status,
        updatedById: principal.userId,
      });
      for (const t of result.touched) {
        this.pubsub.publish(Topic.TASK_UPDATED, t);
        if (t.status === "OPEN" && t.assigneeId) {
          this.pubsub.publish(Topic.TASK_ASSIGNED, {
            taskId: t.taskId,
            assigneeId: t.assigneeId,
            assignedById: principal.userId,
          });
        }
      }
    }
    return { ...result, replayed };
  }
}
