import { Args, Ctx, Mutation, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import type { UserPrincipal } from "../../core/auth/principal.js";
import { type RescoringCompletedEvent, Topic } from "../../core/pubsub/pubsub.js";
import { Loan } from "../loans/loan.types.js";
import { RescoreLoanArgs } from "./rescore-loan.inputs.js";
import { RescoringRun } from "./rescoring-run.types.js";

/** The one coalesced event of a run meant for this user: their own, their team's, or the whole run's. */
export function isRunEventFor(principal: UserPrincipal, e: RescoringCompletedEvent): boolean {
  switch (principal.role) {
    case "ADMIN":
    case "MANAGER":
      return e.userId === null && e.teamId === null;
    case "SUPERVISOR":
      return e.userId === null && e.teamId !== null && e.teamId === principal.teamId;
    case "AGENT":
      return e.userId === principal.userId;
  }
}

@Resolver()
export class RescoreLoanResolver {
  @Mutation(() => Loan, {
    description:
      "Rescore one loan now: features, score, reasons, recommendation and its task (agents: loans of their own tasks; supervisors: their team's; managers and admins: any)",
  })
  async rescoreLoan(@Args() args: RescoreLoanArgs, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    const done = await ctx.services.rescoreLoan.rescore(ctx.principal, args);
    ctx.auditedChange = {
      entityType: "Loan",
      entityId: done.loan.id,
      before: done.before,
      after: done.after,
      replayed: done.replayed,
    };
    return done.loan;
  }

  @Subscription(() => RescoringRun, {
    topics: Topic.RESCORING_COMPLETED,
    filter: ({ payload, context }: { payload: RescoringCompletedEvent; context: GraphQLContext }) =>
      isRunEventFor(context.principal, payload),
    description:
      "Once per batch rescoring: what it changed in the signed-in user's scope (counts; re-read the worklist)",
  })
  rescoringCompleted(@Root() e: RescoringCompletedEvent): RescoringRun {
    return {
      runId: e.runId,
      portfolioId: e.portfolioId,
      loansRescored: e.loansRescored,
      recommendationsCreated: e.recommendationsCreated,
      tasksAssigned: e.tasksAssigned,
      escalationsCreated: e.escalationsCreated,
      finishedAt: e.finishedAt,
      succeeded: e.succeeded,
    };
  }
}
