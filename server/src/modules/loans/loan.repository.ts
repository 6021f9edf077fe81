import type { Db } from "../../core/db/prisma-client.js";
import type { Prisma } from "../../generated/prisma/client.js";

export const loanFields = {
  id: true,
  externalKey: true,
  productType: true,
  status: true,
  principal: true,
  creditLimit: true,
  interestRate: true,
  termMonths: true,
  outstandingBalance: true,
  currency: true,
  grade: true,
  purpose: true,
  openedAt: true,
  currentDpd: true,
  currentBucket: true,
  borrowerId: true,
  portfolioId: true,
} as const;

export const borrowerFields = {
  id: true,
  externalKey: true,
  fullName: true,
  email: true,
  phone: true,
  addressLine: true,
  city: true,
  region: true,
  postalCode: true,
  country: true,
  timeZone: true,
  segment: true,
  employmentStatus: true,
  annualIncome: true,
  doNotContact: true,
  disputeFlag: true,
  bankruptcyFlag: true,
  deceasedFlag: true,
  legalHold: true,
  contactOptOuts: true,
  preferredChannel: true,
  preferredContactStartMinutes: true,
  preferredContactEndMinutes: true,
} as const;

export const portfolioFields = { id: true, name: true, source: true, kind: true, asOfDate: true } as const;

export class LoanRepository {
  constructor(private readonly db: Db) {}

  findOne(where: Prisma.LoanWhereInput) {
    return this.db.loan.findFirst({ where, select: loanFields });
  }

  findByIds(ids: readonly string[]) {
    return this.db.loan.findMany({ where: { id: { in: [...ids] } }, select: loanFields });
  }

  findBorrowersByIds(ids: readonly string[]) {
    return this.db.borrower.findMany({ where: { id: { in: [...ids] } }, select: borrowerFields });
  }

  findPortfoliosByIds(ids: readonly string[]) {
    return this.db.portfolio.findMany({ where: { id: { in: [...ids] } }, select: portfolioFields });
  }

  /** Portfolios people work (portfolio/portfolio-kind.ts), by name. */
  findOperationalPortfolios() {
    return this.db.portfolio.findMany({
      where: { kind: "OPERATIONAL" },
      select: portfolioFields,
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
  }
}
