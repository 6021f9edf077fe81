import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Loan } from "../loans/loan.types.js";
import { RiskScore } from "./risk-score.types.js";

// A field of loans the caller could already see: the loan queries check visibility.
@Resolver(() => Loan)
export class LoanScoreResolver {
  @FieldResolver(() => RiskScore, {
    nullable: true,
    description: "The latest risk score with its reasons (null until the loan is first scored)",
  })
  latestScore(@Root() loan: Loan, @Ctx() ctx: GraphQLContext): Promise<RiskScore | null> {
    return ctx.loaders.latestScoreByLoanId.load(loan.id);
  }
}
