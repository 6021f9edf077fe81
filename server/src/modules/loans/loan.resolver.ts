import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Borrower, Loan, LoanPage, Portfolio } from "./loan.types.js";

@Resolver(() => Loan)
export class LoanResolver {
  @Query(() => Loan, { description: "One loan the signed-in user may see" })
  loan(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.services.loans.getLoan(ctx.principal, id);
  }

  @Query(() => LoanPage, { description: "The loans the signed-in user may see, most days past due first" })
  loans(
    @Ctx() ctx: GraphQLContext,
    @Arg("skip", () => Int, { defaultValue: 0 }) skip: number,
    @Arg("take", () => Int, { defaultValue: 25 }) take: number,
  ): Promise<LoanPage> {
    return ctx.services.loans.listLoans(ctx.principal, skip, take);
  }

  @FieldResolver(() => Borrower)
  borrower(@Root() loan: Loan, @Ctx() ctx: GraphQLContext): Promise<Borrower> {
    return ctx.loaders.borrowerById.load(loan.borrowerId);
  }

  @FieldResolver(() => Portfolio)
  portfolio(@Root() loan: Loan, @Ctx() ctx: GraphQLContext): Promise<Portfolio> {
    return ctx.loaders.portfolioById.load(loan.portfolioId);
  }
}
