import type pg from "pg";
import type { UserPrincipal } from "../../core/auth/principal.js";
import { AppError, ErrorCode, notFound } from "../../core/errors/app-error.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import type { AppPubSub } from "../../core/pubsub/pubsub.js";
import { LoanHistoryRepository } from "../features/loan-history.repository.js";
import type { LoanService } from "../loans/loan.service.js";
import type { Loan } from "../loans/loan.types.js";
import type { PolicyService } from "../recommendations/policy.service.js";
import type { CollectionModels } from "./collection-scoring.js";
import type { LoanDecisionState, LoanDecisionStateRepository } from "./loan-decision-state.repository.js";
import type { ModelRegistry } from "./model-registry.js";
import type { RescoreLoanArgs as RescoreArgs } from "./rescore-loan.inputs.js";
import { type RescoreSummary, rescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";
import type { ScoringService } from "./scoring.service.js";

/** What rescoring one loan did: the loan, its decision state before and after (for the audit trail). */
export interface LoanRescoring {
  loan: Loan;
  before: LoanDecisionState;
  after: LoanDecisionState;
  summary: RescoreSummary;
  replayed: boolean;
}

/**
 * Rescoring of one loan now, through the same path as a portfolio's (features, the per-loan decision,
 * recommendation, task alignment), for anyone who may see the loan: an agent on the loans of their own tasks
 * (after a payment or a call they need the next action now, not at the next scheduled run), a supervisor on
 * the team's, managers and admins on any. Its changes are published at once, as a person's change.
 */
export class RescoreLoanService {
  constructor(
    private readonly parts: {
      pool: pg.Pool;
      models: ModelRegistry;
      scoring: ScoringService;
      policies: PolicyService;
      pubsub: AppPubSub;
      collectionModels?: CollectionModels;
    },
    private readonly loans: LoanService,
    private readonly states: LoanDecisionStateRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  async rescore(principal: UserPrincipal, { loanId, idempotencyKey }: RescoreArgs): Promise<LoanRescoring> {
    // Visibility first: a loan the caller may not see is not found, whether or not the key was used.
    await this.loans.getLoan(principal, loanId);
    const { result, replayed } = await this.idempotency.run(
      { userId: principal.userId, key: idempotencyKey, operation: "rescoreLoan", input: { loanId } },
      async () => {
        const before = await this.states.snapshot(loanId);
        const summary = await this.run(principal, loanId);
        return { before, after: await this.states.snapshot(loanId), summary };
      },
    );
    return { ...result, loan: await this.loans.getLoan(principal, loanId), replayed };
  }

  private async run(principal: UserPrincipal, loanId: string): Promise<RescoreSummary> {
    const deps = await rescoreDeps(this.parts);
    if (!deps)
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        "No model is loaded: rescoring is unavailable until one is",
      );
    const portfolio = await new LoanHistoryRepository(this.parts.pool).portfolioOfLoan(loanId);
    if (!portfolio) throw notFound("Loan", loanId);
    // The mutation's own audit record says who rescored what; no separate run record.
    return rescorePortfolio({ ...deps, audit: undefined }, portfolio, new Date(), () => {}, {
      loanIds: [loanId],
      events: "each",
      actorId: principal.userId,
    });
  }
}
