import type DataLoader from "dataloader";
import { fromJsonRecord } from "../../core/db/json-record.js";
import type { ContactPreferences } from "../contacts/contact-preferences.types.js";
import { toContactPreferences } from "../contacts/contact-profile.js";
import {
  type BorrowerRecord,
  type LoanRecord,
  toBorrower,
  toLoan,
  toPortfolio,
} from "../loans/loan.mapper.js";
import type { Borrower, Loan, Portfolio } from "../loans/loan.types.js";
import { toPromise } from "../promises/promise.mapper.js";
import type { PromiseRow } from "../promises/promise.repository.js";
import type { PromiseToPay } from "../promises/promise.types.js";
import { type RecommendationRow, toRecommendation } from "../recommendations/recommendation.loaders.js";
import type { Recommendation } from "../recommendations/recommendation.types.js";
import { propensityFromJson, toPropensity } from "../scoring/propensity-score.loaders.js";
import type { PropensityToPay } from "../scoring/propensity-score.types.js";
import { type RiskScoreRow, toRiskScore } from "../scoring/risk-score.loaders.js";
import type { RiskScore } from "../scoring/risk-score.types.js";
import type { WorklistRow } from "./worklist.repository.js";

/** What a worklist item shows besides its task, mapped by the same mappers as the loaders' rows. */
export interface WorklistRelated {
  loan: Loan;
  borrower: Borrower;
  /** The borrower's contact requests, from the same row (a borrower's `contactPreferences` field). */
  contactPreferences: ContactPreferences;
  portfolio: Portfolio;
  latestScore: RiskScore | null;
  recommendation: Recommendation | null;
  openPromise: PromiseToPay | null;
  propensity: PropensityToPay | null;
  amountOverdue: string;
}

type PortfolioRecord = Parameters<typeof toPortfolio>[0];

export function toWorklistRelated(row: WorklistRow): WorklistRelated {
  const borrower = fromJsonRecord<BorrowerRecord>(row.borrowerRecord, []);
  const recommendation = row.recommendationRecord
    ? fromJsonRecord<Omit<RecommendationRow, "loan">>(row.recommendationRecord, [
        "createdAt",
        "updatedAt",
        "dueAt",
        "contactNextAllowedAt",
      ])
    : null;
  return {
    loan: toLoan(fromJsonRecord<LoanRecord>(row.loanRecord, ["openedAt"])),
    borrower: toBorrower(borrower),
    contactPreferences: toContactPreferences(borrower),
    portfolio: toPortfolio(fromJsonRecord<PortfolioRecord>(row.portfolioRecord, ["asOfDate"])),
    latestScore: row.scoreRecord
      ? toRiskScore(fromJsonRecord<RiskScoreRow>(row.scoreRecord, ["asOfDate", "scoredAt"]))
      : null,
    recommendation: recommendation
      ? toRecommendation({ ...recommendation, loan: { borrower: { timeZone: borrower.timeZone } } })
      : null,
    openPromise: row.promiseRecord
      ? toPromise(fromJsonRecord<PromiseRow>(row.promiseRecord, ["promisedDate", "createdAt", "resolvedAt"]))
      : null,
    propensity: row.propensityRecord ? toPropensity(propensityFromJson(row.propensityRecord)) : null,
    amountOverdue: row.amountOverdue,
  };
}

/** The request's loaders that a worklist item's fields read through. */
export interface WorklistItemLoaders {
  loanById: DataLoader<string, Loan>;
  borrowerById: DataLoader<string, Borrower>;
  contactPreferencesByBorrowerId: DataLoader<string, ContactPreferences>;
  portfolioById: DataLoader<string, Portfolio>;
  latestScoreByLoanId: DataLoader<string, RiskScore | null>;
  activeRecommendationByLoanId: DataLoader<string, Recommendation | null>;
  openPromiseByLoanId: DataLoader<string, PromiseToPay | null>;
  amountOverdueByLoanId: DataLoader<string, string>;
  propensityByLoanId: DataLoader<string, PropensityToPay | null>;
}

/**
 * Hands what the page read to the request's loaders, so that every field of every item (and the same loan
 * or borrower under another field) is answered from it rather than by another statement.
 */
export function primeWorklistLoaders(
  loaders: WorklistItemLoaders,
  related: readonly WorklistRelated[],
): void {
  for (const r of related) {
    const loanId = r.loan.id;
    loaders.loanById.prime(loanId, r.loan);
    loaders.borrowerById.prime(r.borrower.id, r.borrower);
    loaders.contactPreferencesByBorrowerId.prime(r.borrower.id, r.contactPreferences);
    loaders.portfolioById.prime(r.portfolio.id, r.portfolio);
    loaders.latestScoreByLoanId.prime(loanId, r.latestScore);
    loaders.activeRecommendationByLoanId.prime(loanId, r.recommendation);
    loaders.openPromiseByLoanId.prime(loanId, r.openPromise);
    loaders.amountOverdueByLoanId.prime(loanId, r.amountOverdue);
    loaders.propensityByLoanId.prime(loanId, r.propensity);
  }
}
