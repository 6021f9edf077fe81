import { Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Portfolio } from "../loans/loan.types.js";

@Resolver(() => Portfolio)
export class PortfolioResolver {
  @Query(() => [Portfolio], {
    description:
      "The operational portfolios (the ones people work), by name: what loan lists and dashboards may be narrowed to",
  })
  portfolios(@Ctx() ctx: GraphQLContext): Promise<Portfolio[]> {
    return ctx.services.loans.operationalPortfolios();
  }
}
