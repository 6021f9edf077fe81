import type { Principal } from "../../core/auth/principal.js";
import { badInput, notFound } from "../../core/errors/app-error.js";
import { isEntityId } from "../../core/validation/domain-values.js";
import type { LoanService } from "../loans/loan.service.js";
import { computeFeatures } from "./compute-features.js";
import { FEATURE_VERSION, FEATURES, type FeatureVector } from "./feature-catalogue.js";
import type { LoanHistory } from "./loan-history.js";
import type { LoanHistoryRepository } from "./loan-history.repository.js";
import { checkHistoryConsistency, type LoanHistoryInput } from "./loan-history.schema.js";
import type { PromiseRule } from "./promise-status.js";

/** The feature layer for REST and GraphQL: the catalogue, and vectors for a posted or a stored loan. */
export class FeatureService {
  constructor(
    private readonly histories: LoanHistoryRepository,
    private readonly loans: LoanService,
    private readonly rule: PromiseRule,
  ) {}

  catalogue() {
    return {
      featureVersion: FEATURE_VERSION,
      features: FEATURES,
      missingValue: null,
      promiseRule: this.rule,
    };
  }

  /** A posted history (its shape checked by the route's schema) once its payments are consistent. */
  checkedHistory(history: LoanHistoryInput): LoanHistory {
    checkHistoryConsistency(history);
    return history as LoanHistory;
  }

  forHistory(history: LoanHistory): FeatureVector {
    return computeFeatures(history, this.rule);
  }

  /** A stored loan's vector as of its portfolio's date; users see only loans they may see. */
  async forLoan(principal: Principal, loanId: string) {
    if (principal.kind === "user") await this.loans.getLoan(principal, loanId);
    else if (!isEntityId(loanId)) throw badInput(`Loan id "${loanId}" is not a valid id (expected a UUID)`);
    const stored = await this.histories.findOne(loanId);
    if (!stored) throw notFound("Loan", loanId);
    return { loanId, asOfDate: stored.history.asOfDate, features: this.forHistory(stored.history) };
  }
}
