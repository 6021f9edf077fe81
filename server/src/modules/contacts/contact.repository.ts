import type { DbOrTx } from "../../core/db/prisma-client.js";
import type { Prisma } from "../../generated/prisma/client.js";

const profileFields = {
  id: true,
  timeZone: true,
  doNotContact: true,
  contactOptOuts: true,
  disputeFlag: true,
  bankruptcyFlag: true,
  deceasedFlag: true,
  legalHold: true,
  preferredChannel: true,
  preferredContactStartMinutes: true,
  preferredContactEndMinutes: true,
} as const satisfies Prisma.BorrowerSelect;

export type BorrowerContactRow = Prisma.BorrowerGetPayload<{ select: typeof profileFields }>;

const contactFields = {
  id: true,
  loanId: true,
  borrowerId: true,
  agentId: true,
  channel: true,
  direction: true,
  outcome: true,
  startedAt: true,
  endedAt: true,
  durationSeconds: true,
  notes: true,
  callbackAt: true,
} as const satisfies Prisma.CommunicationSelect;

export type ContactRow = Prisma.CommunicationGetPayload<{ select: typeof contactFields }>;

export type NewContact = Omit<ContactRow, "id" | "loanId" | "endedAt"> & { loanId: string; endedAt: Date };

export type PreferenceChanges = Pick<
  Prisma.BorrowerUpdateInput,
  | "doNotContact"
  | "disputeFlag"
  | "contactOptOuts"
  | "preferredChannel"
  | "preferredContactStartMinutes"
  | "preferredContactEndMinutes"
>;

/** Contacts and borrowers' contact records; inside the caller's transaction when built over one. */
export class ContactRepository {
  constructor(private readonly db: DbOrTx) {}

  findLoan(where: Prisma.LoanWhereInput) {
    return this.db.loan.findFirst({ where, select: { id: true, borrowerId: true } });
  }

  findBorrower(where: Prisma.BorrowerWhereInput): Promise<BorrowerContactRow | null> {
    return this.db.borrower.findFirst({ where, select: profileFields });
  }

  findBorrowers(ids: readonly string[]): Promise<BorrowerContactRow[]> {
    return this.db.borrower.findMany({ where: { id: { in: [...ids] } }, select: profileFields });
  }

  /**
   * Holds the borrower's row until the transaction ends: contacts logged for one borrower (on any of their
   * loans) and changes to their preferences take turns, so two agents cannot both log the last allowed call.
   */
  async lockBorrower(borrowerId: string): Promise<void> {
    await this.db.$queryRaw`SELECT 1 FROM "Borrower" WHERE id = ${borrowerId}::uuid FOR UPDATE`;
  }

  /** The borrower's contacts, on all of their loans, that started in (from, to]. */
  findHistory(borrowerId: string, from: Date, to: Date) {
    return this.db.communication.findMany({
      where: { borrowerId, startedAt: { gt: from, lte: to } },
      select: { channel: true, direction: true, outcome: true, startedAt: true },
    });
  }

  create(contact: NewContact): Promise<ContactRow> {
    return this.db.communication.create({ data: contact, select: contactFields });
  }

  updatePreferences(borrowerId: string, changes: PreferenceChanges): Promise<BorrowerContactRow> {
    return this.db.borrower.update({ where: { id: borrowerId }, data: changes, select: profileFields });
  }
}
