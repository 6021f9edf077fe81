import type {
  Borrower as BorrowerRow,
  Loan as LoanRow,
  Portfolio as PortfolioRow,
} from "../../generated/prisma/client.js";
import { toContactProfile } from "../contact-rules/borrower-contact-profile.js";
import type { Borrower, Loan, Portfolio } from "./loan.types.js";

type Decimalish = { toFixed(digits?: number): string } | null;

const money = (d: Decimalish) => (d === null ? null : d.toFixed(2));
/** `@db.Date` columns arrive as UTC midnight. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export type LoanRecord = Pick<
  LoanRow,
  | "id"
  | "externalKey"
  | "productType"
  | "status"
  | "principal"
  | "creditLimit"
  | "interestRate"
  | "termMonths"
  | "outstandingBalance"
  | "currency"
  | "grade"
  | "purpose"
  | "openedAt"
  | "currentDpd"
  | "currentBucket"
  | "borrowerId"
  | "portfolioId"
>;

export function toLoan(row: LoanRecord): Loan {
  return {
    id: row.id,
    externalKey: row.externalKey,
    productType: row.productType,
    status: row.status,
    principal: money(row.principal),
    creditLimit: money(row.creditLimit),
    interestRate: row.interestRate === null ? null : row.interestRate.toString(),
    termMonths: row.termMonths,
    outstandingBalance: money(row.outstandingBalance),
    currency: row.currency,
    grade: row.grade,
    purpose: row.purpose,
    openedOn: row.openedAt ? isoDay(row.openedAt) : null,
    currentDpd: row.currentDpd,
    bucket: row.currentBucket,
    borrowerId: row.borrowerId,
    portfolioId: row.portfolioId,
  };
}

export type BorrowerRecord = Pick<
  BorrowerRow,
  | "id"
  | "externalKey"
  | "fullName"
  | "email"
  | "phone"
  | "addressLine"
  | "city"
  | "region"
  | "postalCode"
  | "country"
  | "timeZone"
  | "segment"
  | "employmentStatus"
  | "annualIncome"
  | "doNotContact"
  | "disputeFlag"
  | "bankruptcyFlag"
  | "deceasedFlag"
  | "legalHold"
  | "contactOptOuts"
  | "preferredChannel"
  | "preferredContactStartMinutes"
  | "preferredContactEndMinutes"
>;

export function contactRestrictions(b: BorrowerRecord): string[] {
  const out: string[] = [];
  if (b.doNotContact) out.push("DO_NOT_CONTACT");
  if (b.disputeFlag) out.push("DISPUTE");
  if (b.bankruptcyFlag) out.push("BANKRUPTCY");
  if (b.deceasedFlag) out.push("DECEASED");
  if (b.legalHold) out.push("LEGAL_HOLD");
  for (const channel of b.contactOptOuts) out.push(`OPT_OUT_${channel}`);
  return out;
}

export function toBorrower(row: BorrowerRecord): Borrower {
  return {
    id: row.id,
    externalKey: row.externalKey,
    fullName: row.fullName,
    email: row.email,
    phone: row.phone,
    addressLine: row.addressLine,
    city: row.city,
    region: row.region,
    postalCode: row.postalCode,
    country: row.country,
    timeZone: row.timeZone,
    segment: row.segment,
    employmentStatus: row.employmentStatus,
    annualIncome: money(row.annualIncome),
    contactRestrictions: contactRestrictions(row),
    contactFlags: {
      doNotContact: row.doNotContact,
      dispute: row.disputeFlag,
      bankruptcy: row.bankruptcyFlag,
      deceased: row.deceasedFlag,
      legalHold: row.legalHold,
      optedOutChannels: row.contactOptOuts,
    },
    contactProfile: toContactProfile(row),
  };
}

export function toPortfolio(
  row: Pick<PortfolioRow, "id" | "name" | "source" | "kind" | "asOfDate">,
): Portfolio {
  return { id: row.id, name: row.name, source: row.source, kind: row.kind, asOfDate: isoDay(row.asOfDate) };
}
