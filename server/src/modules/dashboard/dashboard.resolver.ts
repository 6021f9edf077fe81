import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { PortfolioSummary, PortfolioSummaryArgs } from "./portfolio-summary.types.js";
import { TeamWorkload, TeamWorkloadArgs } from "./team-workload.types.js";

// Role and scope rules live in the services (dashboard-scope.ts).
@Resolver()
export class DashboardResolver {
  @Query(() => PortfolioSummary, {
    description:
      "Supervisors (their team's loans), managers and admins: balances by bucket and tier, monthly collections, cure and roll rates, riskiest borrowers, promise kept rate",
  })
  portfolioSummary(
    @Args() args: PortfolioSummaryArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PortfolioSummary> {
    return ctx.services.portfolioSummary.summary(ctx.principal, args);
  }

  @Query(() => TeamWorkload, {
    description:
      "Supervisors (their team), managers and admins: per agent open, in-progress and overdue tasks, capacity, done today, promises",
  })
  teamWorkload(@Args() args: TeamWorkloadArgs, @Ctx() ctx: GraphQLContext): Promise<TeamWorkload> {
    return ctx.services.teamWorkload.workload(ctx.principal, args);
  }
}
