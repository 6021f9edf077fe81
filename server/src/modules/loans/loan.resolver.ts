import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { PageArgs } from "../../core/graphql/connection.js";
import { type Page } from "../../core/graphql/cursor-page.js";
import { LoanFilter, LoanSort } from "./loan.inputs.js";
import { Borrower, Loan, LoanConnection, Portfolio } from "./loan.types.js";

@Resolver(() => Loan)
export class LoanResolver {
  @Query(() => Loan, { description: "One loan the signed-in user may see, with its 360 view" })
  loan(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.services.loans.getLoan(ctx.principal, id);
  }

  @Query(() => LoanConnection, {
    description:
      "The loans of operational portfolios the signed-in user may see; most days past due first unless sorted",
  })
  loans(
    @Ctx() ctx: GraphQLContext,
    @Args() page: PageArgs,
    @Arg("filter", () => LoanFilter, { nullable: true }) filter?: LoanFilter | null,
    @Arg("sort", () => LoanSort, { nullable: true }) sort?: LoanSort | null,
  ): Promise<Page<Loan>> {
    return ctx.services.loans.listLoans(ctx.principal, { ...page, filter, sort });
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
