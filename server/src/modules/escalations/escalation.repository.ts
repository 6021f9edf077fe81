import type { UserPrincipal } from "../../core/auth/principal.js";
import type { DbOrTx } from "../../core/db/prisma-client.js";
import type { LoanHandoff, LoanStatus, Prisma, TaskStatus } from "../../generated/prisma/client.js";
import { loanVisibility } from "../loans/loan.access.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";
import { type NewEscalation, openEscalations, prismaRunner } from "../tasks/escalation-task.repository.js";

export const ESCALATE = "ESCALATE_TO_RECOVERY_MANAGER" as const;

const person = { select: { id: true, displayName: true } } as const;

const escalationFields = {
  id: true,
  loanId: true,
  teamId: true,
  actionType: true,
  status: true,
  priority: true,
  dueAt: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
  escalationReason: true,
  escalationNote: true,
  escalationOutcome: true,
  outcomeNote: true,
  escalatedBy: person,
  assignee: person,
  completedBy: person,
  followUps: { select: { id: true }, take: 1 },
  loan: {
    select: { status: true, handoff: true, borrowerId: true, borrower: { select: { legalHold: true } } },
  },
} as const satisfies Prisma.TaskSelect;

export type EscalationRow = Prisma.TaskGetPayload<{ select: typeof escalationFields }>;

/** The loan's open task, as escalating a case must settle it. */
/** The recovery managers' queue in one state, one team's part of it for a supervisor. */
const queueWhere = (query: { status: TaskStatus; teamId?: string }): Prisma.TaskWhereInput => ({
  actionType: ESCALATE,
  status: query.status,
  ...(query.teamId ? { teamId: query.teamId } : {}),
  loan: WORKED_LOANS,
});

const openTaskFields = {
  id: true,
  status: true,
  actionType: true,
  priority: true,
  assigneeId: true,
  teamId: true,
  assignee: { select: { teamId: true, displayName: true } },
} as const satisfies Prisma.TaskSelect;

export type OpenTaskRow = Prisma.TaskGetPayload<{ select: typeof openTaskFields }>;

/** Escalations' data access; inside a transaction when built over one. */
export class EscalationRepository {
  constructor(private readonly db: DbOrTx) {}

  findById(id: string): Promise<EscalationRow | null> {
    return this.db.task.findFirst({ where: { id, actionType: ESCALATE }, select: escalationFields });
  }

  /**
   * The queue: escalations of worked portfolios in one state, most urgent then oldest first; `teamId`
   * narrows to one team's. Cursor is the last task id of the previous page.
   */
  findPage(query: { status: TaskStatus; teamId?: string; after?: string; take: number }) {
    return this.db.task.findMany({
      where: queueWhere(query),
      select: escalationFields,
      orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      ...(query.after ? { cursor: { id: query.after }, skip: 1 } : {}),
      take: query.take,
    });
  }

  count(query: { status: TaskStatus; teamId?: string }): Promise<number> {
    return this.db.task.count({ where: queueWhere(query) });
  }

  /** A loan the principal may see, with what escalating it needs to know. */
  findVisibleLoan(principal: UserPrincipal, loanId: string) {
    return this.db.loan.findFirst({
      where: { id: loanId, ...loanVisibility(principal) },
      select: { id: true, handoff: true, portfolio: { select: { kind: true } } },
    });
  }

  findOpenTask(loanId: string): Promise<OpenTaskRow | null> {
    return this.db.task.findFirst({
      where: { loanId, status: { in: ["OPEN", "IN_PROGRESS"] } },
      select: openTaskFields,
    });
  }

  findActiveRecommendation(loanId: string) {
    return this.db.recommendation.findFirst({
      where: { loanId, status: "ACTIVE" },
      orderBy: { updatedAt: "desc" },
      select: { id: true, actionType: true },
    });
  }

  /** Moves a task on only if it is still in `from`; false when a concurrent change moved it first. */
  async moveIfStatus(
    id: string,
    from: TaskStatus,
    data: Prisma.TaskUncheckedUpdateManyInput,
  ): Promise<boolean> {
    return (await this.db.task.updateMany({ where: { id, status: from }, data })).count === 1;
  }

  findUser(id: string) {
    return this.db.user.findUnique({
      where: { id },
      select: { id: true, role: true, teamId: true, active: true },
    });
  }

  /** Where a recovery manager's decision leaves the loan (and, for legal, its borrower). */
  async setLoanState(
    loanId: string,
    state: { handoff: LoanHandoff | null; status?: LoanStatus; legalHold?: boolean },
  ): Promise<void> {
    const loan = await this.db.loan.update({
      where: { id: loanId },
      data: {
        handoff: state.handoff,
        handedOffAt: state.handoff ? new Date() : null,
        ...(state.status ? { status: state.status } : {}),
      },
      select: { borrowerId: true },
    });
    if (state.legalHold) {
      await this.db.borrower.update({ where: { id: loan.borrowerId }, data: { legalHold: true } });
    }
  }

  /** Opens escalations the one way they are made (openEscalations), in this repository's transaction. */
  openEscalations(rows: readonly NewEscalation[]) {
    return openEscalations(prismaRunner(this.db), rows);
  }

  createReturnedTask(data: Prisma.TaskUncheckedCreateInput): Promise<{ id: string }> {
    return this.db.task.create({ data, select: { id: true } });
  }
}
