import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Loan } from "../loans/loan.types.js";
import { PropensityToPay } from "./propensity-score.types.js";
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

  @FieldResolver(() => PropensityToPay, {
    nullable: true,
    description:
      "The propensity to pay as of the portfolio's date (null when the loan is not past due then, or no propensity model scored it)",
  })
  propensityToPay(@Root() loan: Loan, @Ctx() ctx: GraphQLContext): Promise<PropensityToPay | null> {
    return ctx.loaders.propensityByLoanId.load(loan.id);
  }
}
