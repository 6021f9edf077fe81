import type { DbOrTx } from "../../core/db/prisma-client.js";
import type { ArrangementKind, Prisma } from "../../generated/prisma/client.js";

export const promiseFields = {
  id: true,
  loanId: true,
  amount: true,
  promisedDate: true,
  status: true,
  cancelReason: true,
  supersededById: true,
  communicationId: true,
  loggedById: true,
  arrangementId: true,
  sequence: true,
  createdAt: true,
  resolvedAt: true,
  keptProbability: true,
  keptReasons: true,
} as const satisfies Prisma.PromiseToPaySelect;

export type PromiseRow = Prisma.PromiseToPayGetPayload<{ select: typeof promiseFields }>;

const arrangementFields = {
  id: true,
  loanId: true,
  kind: true,
  totalAmount: true,
  balanceAtAgreement: true,
  communicationId: true,
  loggedById: true,
  createdAt: true,
  supersededAt: true,
  instalments: { select: promiseFields, orderBy: { sequence: "asc" } },
} as const satisfies Prisma.ArrangementSelect;

export type ArrangementRow = Prisma.ArrangementGetPayload<{ select: typeof arrangementFields }>;

export interface NewPromise {
  loanId: string;
  borrowerId: string;
  amount: string;
  promisedDate: string;
  communicationId: string | null;
  loggedById: string;
}

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** Promises' and arrangements' data access; inside a transaction when built over one. */
export class PromiseRepository {
  constructor(private readonly db: DbOrTx) {}

  /**
   * The loan if `scope` lets the caller see it, locked until the transaction ends, so that two promises
   * logged at once on one loan supersede one another in order instead of both staying pending.
   */
  async lockLoan(loanId: string, scope: Prisma.LoanWhereInput) {
    const loan = await this.db.loan.findFirst({
      where: { AND: [{ id: loanId }, scope] },
      select: { id: true, borrowerId: true, outstandingBalance: true },
    });
    if (!loan) return null;
    await this.db.$queryRaw`SELECT id FROM "Loan" WHERE id = ${loanId}::uuid FOR UPDATE`;
    return { ...loan, outstandingBalance: loan.outstandingBalance?.toFixed(2) ?? null };
  }

  /** Whether `scope` lets the caller see the loan (no lock: for reading). */
  async canSeeLoan(loanId: string, scope: Prisma.LoanWhereInput): Promise<boolean> {
    return (await this.db.loan.count({ where: { AND: [{ id: loanId }, scope] } })) === 1;
  }

  findCommunication(id: string) {
    return this.db.communication.findUnique({ where: { id }, select: { borrowerId: true, loanId: true } });
  }

  /** A promise whose loan `scope` lets the caller see. */
  findVisible(id: string, scope: Prisma.LoanWhereInput): Promise<PromiseRow | null> {
    return this.db.promiseToPay.findFirst({ where: { id, loan: scope }, select: promiseFields });
  }

  findById(id: string): Promise<PromiseRow | null> {
    return this.db.promiseToPay.findUnique({ where: { id }, select: promiseFields });
  }

  /** The loan's pending promises of its own (not arrangement instalments). */
  pendingPromises(loanId: string): Promise<PromiseRow[]> {
    return this.db.promiseToPay.findMany({
      where: { loanId, status: "PENDING", arrangementId: null },
      select: promiseFields,
    });
  }

  create(p: NewPromise, arrangement?: { id: string; sequence: number }): Promise<PromiseRow> {
    return this.db.promiseToPay.create({
      data: {
        ...p,
        promisedDate: day(p.promisedDate),
        arrangementId: arrangement?.id,
        sequence: arrangement?.sequence,
      },
      select: promiseFields,
    });
  }

  /** Pending promises leave PENDING as CANCELLED with the reason; returns how many did. */
  async cancelPending(
    where: Prisma.PromiseToPayWhereInput,
    reason: "WITHDRAWN" | "SUPERSEDED",
    byUserId: string,
    supersededById: string | null = null,
  ): Promise<number> {
    const { count } = await this.db.promiseToPay.updateMany({
      where: { AND: [where, { status: "PENDING" }] },
      data: {
        status: "CANCELLED",
        cancelReason: reason,
        cancelledById: byUserId,
        supersededById,
        resolvedAt: new Date(),
      },
    });
    return count;
  }

  /** A page of promises by promised date then id, starting after the (date, id) position. */
  page(where: Prisma.PromiseToPayWhereInput, take: number, after: { date: string; id: string } | null) {
    const from: Prisma.PromiseToPayWhereInput = after
      ? {
          OR: [
            { promisedDate: { gt: day(after.date) } },
            { promisedDate: day(after.date), id: { gt: after.id } },
          ],
        }
      : {};
    return this.db.promiseToPay.findMany({
      where: { AND: [where, from] },
      select: promiseFields,
      orderBy: [{ promisedDate: "asc" }, { id: "asc" }],
      take,
    });
  }

  count(where: Prisma.PromiseToPayWhereInput): Promise<number> {
    return this.db.promiseToPay.count({ where });
  }

  createArrangement(a: {
    loanId: string;
    borrowerId: string;
    kind: ArrangementKind;
    totalAmount: string;
    balanceAtAgreement: string | null;
    communicationId: string | null;
    loggedById: string;
  }) {
    return this.db.arrangement.create({ data: a, select: { id: true } });
  }

  /** Marks the loan's arrangements that still have instalments to come replaced; returns their ids. */
  async supersedeArrangements(loanId: string, exceptId: string): Promise<string[]> {
    const open = await this.db.arrangement.findMany({
      where: {
        loanId,
        supersededAt: null,
        id: { not: exceptId },
        instalments: { some: { status: "PENDING" } },
      },
      select: { id: true },
    });
    const ids = open.map((a) => a.id);
    if (ids.length > 0) {
      await this.db.arrangement.updateMany({
        where: { id: { in: ids } },
        data: { supersededAt: new Date() },
      });
    }
    return ids;
  }

  findArrangement(id: string): Promise<ArrangementRow | null> {
    return this.db.arrangement.findUnique({ where: { id }, select: arrangementFields });
  }

  arrangementsOf(loanId: string): Promise<ArrangementRow[]> {
    return this.db.arrangement.findMany({
      where: { loanId },
      select: arrangementFields,
      orderBy: { createdAt: "desc" },
    });
  }
}
