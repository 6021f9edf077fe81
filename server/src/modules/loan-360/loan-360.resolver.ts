import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { PageArgs } from "../../core/graphql/connection.js";
import { type Page } from "../../core/graphql/cursor-page.js";
import type { Contact } from "../communications/contact.types.js";
import { type BucketPeriod, Loan } from "../loans/loan.types.js";
import type { Instalment, Payment } from "../payments/payment.types.js";
import type { PromiseToPay } from "../promises/promise.types.js";
import { PromiseToPayConnection } from "../promises/promise.types.js";
import type { Recommendation } from "../recommendations/recommendation.types.js";
import type { RiskScore } from "../scoring/risk-score.types.js";
import type { Task } from "../tasks/task.types.js";
import {
  BucketPeriodConnection,
  ContactConnection,
  InstalmentConnection,
  PaymentConnection,
  RecommendationConnection,
  RiskScoreConnection,
  TaskConnection,
} from "./loan-360.types.js";

const key = (loan: Loan, page: PageArgs) => ({ parentId: loan.id, first: page.first, after: page.after });

// Fields of loans the caller could already see (the loan queries check visibility). Each list is loaded for
// every loan of the response at once.
@Resolver(() => Loan)
export class Loan360Resolver {
  @FieldResolver(() => String, {
    description: "Decimal string: due before the portfolio's as-of date and not paid by then",
  })
  amountOverdue(@Root() loan: Loan, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.loaders.amountOverdueByLoanId.load(loan.id);
  }

  @FieldResolver(() => InstalmentConnection, { description: "The schedule, first amount due first" })
  instalments(
    @Root() loan: Loan,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<Instalment>> {
    return ctx.loaders.loanInstalments.load(key(loan, page));
  }

  @FieldResolver(() => PaymentConnection, { description: "Payments and reversals, latest first" })
  payments(@Root() loan: Loan, @Args() page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<Page<Payment>> {
    return ctx.loaders.loanPayments.load(key(loan, page));
  }

  @FieldResolver(() => ContactConnection, { description: "Contacts about this loan, latest first" })
  contacts(@Root() loan: Loan, @Args() page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<Page<Contact>> {
    return ctx.loaders.loanContacts.load(key(loan, page));
  }

  @FieldResolver(() => PromiseToPayConnection, { description: "Promises to pay, latest logged first" })
  promises(
    @Root() loan: Loan,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<PromiseToPay>> {
    return ctx.loaders.loanPromises.load(key(loan, page));
  }

  @FieldResolver(() => RiskScoreConnection, { description: "Every score with its reasons, latest first" })
  scoreHistory(
    @Root() loan: Loan,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<RiskScore>> {
    return ctx.loaders.loanScores.load(key(loan, page));
  }

  @FieldResolver(() => BucketPeriodConnection, { description: "Delinquency buckets, latest entered first" })
  bucketHistory(
    @Root() loan: Loan,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<BucketPeriod>> {
    return ctx.loaders.loanBuckets.load(key(loan, page));
  }

  @FieldResolver(() => RecommendationConnection, {
    description: "Every recommendation (active, superseded, accepted, dismissed), latest first",
  })
  recommendations(
    @Root() loan: Loan,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<Recommendation>> {
    return ctx.loaders.loanRecommendations.load(key(loan, page));
  }

  @FieldResolver(() => TaskConnection, { description: "Every task on this loan, latest created first" })
  tasks(@Root() loan: Loan, @Args() page: PageArgs, @Ctx() ctx: GraphQLContext): Promise<Page<Task>> {
    return ctx.loaders.loanTasks.load(key(loan, page));
  }
}
