import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Loan } from "../loans/loan.types.js";
import { Recommendation } from "./recommendation.types.js";

// A field of loans the caller could already see: the loan queries check visibility.
@Resolver(() => Loan)
export class LoanRecommendationResolver {
  @FieldResolver(() => Recommendation, {
    nullable: true,
    description: "The recommended next action (null until the loan is first scored)",
  })
  recommendation(@Root() loan: Loan, @Ctx() ctx: GraphQLContext): Promise<Recommendation | null> {
    return ctx.loaders.activeRecommendationByLoanId.load(loan.id);
  }
}
