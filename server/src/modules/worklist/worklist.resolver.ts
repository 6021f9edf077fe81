import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { CommunicationChannel } from "../../generated/prisma/enums.js";
import { Contact } from "../communications/contact.types.js";
import { Borrower, Loan } from "../loans/loan.types.js";
import { PromiseToPay } from "../promises/promise.types.js";
import { ContactRuleResult } from "../recommendations/contact-rule-result.types.js";
import { Recommendation } from "../recommendations/recommendation.types.js";
import { PropensityToPay } from "../scoring/propensity-score.types.js";
import { RiskScore } from "../scoring/risk-score.types.js";
import { contactNow, taskChannel } from "./contact-now.js";
import { WorklistArgs } from "./worklist.inputs.js";
import { WorklistConnection, WorklistItem } from "./worklist.types.js";
import { primeWorklistLoaders } from "./worklist-related.js";

// The query returns only the caller's own tasks; each field below reads through this request's loaders, which
// the page's own statement has already filled (all but the contacts), so a page costs the same few
// statements whatever its size.
@Resolver(() => WorklistItem)
export class WorklistResolver {
  @Query(() => WorklistConnection, {
    description:
      "The signed-in user's own open and started tasks (operational portfolios only), most urgent first: priority, then the most expected recovery (overdue x propensity to pay), then due time",
  })
  async myWorklist(@Args() args: WorklistArgs, @Ctx() ctx: GraphQLContext): Promise<WorklistConnection> {
    const { page, related } = await ctx.services.worklist.myWorklist(ctx.principal, args);
    primeWorklistLoaders(ctx.loaders, related);
    return page;
  }

  @FieldResolver(() => Loan, { description: "The loan, with its bucket, days past due and balance" })
  loan(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.loaders.loanById.load(item.loanId);
  }

  @FieldResolver(() => Borrower)
  borrower(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<Borrower> {
    return ctx.loaders.borrowerById.load(item.borrowerId);
  }

  @FieldResolver(() => RiskScore, { nullable: true, description: "The latest score with its reasons" })
  latestScore(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<RiskScore | null> {
    return ctx.loaders.latestScoreByLoanId.load(item.loanId);
  }

  @FieldResolver(() => PropensityToPay, {
    nullable: true,
    description:
      "The propensity to pay and expected recovery (which orders items within a priority); null when the loan is not past due or no propensity model scored it",
  })
  propensityToPay(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<PropensityToPay | null> {
    return ctx.loaders.propensityByLoanId.load(item.loanId);
  }

  @FieldResolver(() => Recommendation, { nullable: true, description: "The loan's active recommendation" })
  recommendation(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<Recommendation | null> {
    return ctx.loaders.activeRecommendationByLoanId.load(item.loanId);
  }

  @FieldResolver(() => String, {
    description:
      "Decimal string: what fell due before the portfolio's as-of date and is still unpaid (payments settle the oldest amounts first)",
  })
  amountOverdue(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.loaders.amountOverdueByLoanId.load(item.loanId);
  }

  @FieldResolver(() => [Contact], {
    description: "The borrower's three latest contacts (across all their loans), newest first",
  })
  async recentContacts(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<Contact[]> {
    return (await ctx.loaders.contactsByBorrowerId.load(item.borrowerId)).latest;
  }

  @FieldResolver(() => PromiseToPay, { nullable: true, description: "The loan's pending promise to pay" })
  openPromise(@Root() item: WorklistItem, @Ctx() ctx: GraphQLContext): Promise<PromiseToPay | null> {
    return ctx.loaders.openPromiseByLoanId.load(item.loanId);
  }

  @FieldResolver(() => CommunicationChannel, {
    nullable: true,
    description:
      "The channel the task is worked through: the active recommendation's when it recommends the task's action, else the action's own; null for an escalation",
  })
  async contactChannel(
    @Root() item: WorklistItem,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CommunicationChannel | null> {
    return taskChannel(
      item.task.actionType,
      await ctx.loaders.activeRecommendationByLoanId.load(item.loanId),
    );
  }

  @FieldResolver(() => ContactRuleResult, {
    nullable: true,
    description:
      "Whether the borrower may be contacted now on contactChannel under the active policy's contact rules (their contacts on all loans count); if not, the rule and the next allowed instant. Null when the task is no contact",
  })
  async contactNow(
    @Root() item: WorklistItem,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ContactRuleResult | null> {
    const [recommendation, borrower, contacts, policy] = await Promise.all([
      ctx.loaders.activeRecommendationByLoanId.load(item.loanId),
      ctx.loaders.borrowerById.load(item.borrowerId),
      ctx.loaders.contactsByBorrowerId.load(item.borrowerId),
      ctx.services.policies.active(),
    ]);
    const channel = taskChannel(item.task.actionType, recommendation);
    if (!channel) return null;
    return contactNow(
      channel,
      item.checkedAt,
      borrower.contactProfile,
      contacts.history,
      policy.contactRules,
    );
  }
}
