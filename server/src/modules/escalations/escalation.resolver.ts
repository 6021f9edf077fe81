import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import type { Page } from "../../core/graphql/cursor-page.js";
import { type EscalationCreatedEvent, Topic } from "../../core/pubsub/pubsub.js";
import { Loan } from "../loans/loan.types.js";
import { canSeeEscalation } from "./escalation.access.js";
import {
  EscalateCaseInput,
  EscalationsArgs,
  ResolveEscalationInput,
  TakeEscalationArgs,
} from "./escalation.inputs.js";
import type { EscalationChange } from "./escalation.service.js";
import { Escalation, EscalationConnection } from "./escalation.types.js";

/** Tells the audit middleware what the mutation changed, and answers with the escalation. */
function reported(ctx: GraphQLContext, change: EscalationChange): Escalation {
  ctx.auditedChange = {
    entityType: "Task",
    entityId: change.escalation.id,
    before: change.before,
    after: change.after,
    replayed: change.replayed,
  };
  return change.escalation;
}

// Role and visibility rules live in the service, so that refusals pass the audit middleware.
@Resolver(() => Escalation)
export class EscalationResolver {
  @Query(() => EscalationConnection, {
    description:
      "The recovery managers' queue, most urgent then oldest first: managers and admins see every team's, " +
      "supervisors their team's (read-only); agents are refused",
  })
  escalations(@Args() args: EscalationsArgs, @Ctx() ctx: GraphQLContext): Promise<Page<Escalation>> {
    return ctx.services.escalations.list(ctx.principal, args);
  }

  @Mutation(() => Escalation, {
    description:
      "Send a loan to the recovery managers' queue (agents: loans behind their own tasks; supervisors: their " +
      "team's; managers and admins: any). Its open agent task is completed (ESCALATED) if started, else cancelled",
  })
  async escalateCase(
    @Arg("input") input: EscalateCaseInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Escalation> {
    return reported(ctx, await ctx.services.escalations.escalate(ctx.principal, input));
  }

  @Mutation(() => Escalation, {
    description: "A recovery manager takes a waiting escalation (it becomes theirs)",
  })
  async takeEscalation(@Args() args: TakeEscalationArgs, @Ctx() ctx: GraphQLContext): Promise<Escalation> {
    return reported(ctx, await ctx.services.escalations.take(ctx.principal, args));
  }

  @Mutation(() => Escalation, {
    description:
      "A recovery manager closes a taken escalation with its outcome; returned, the agent gets a new task",
  })
  async resolveEscalation(
    @Arg("input") input: ResolveEscalationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Escalation> {
    return reported(ctx, await ctx.services.escalations.resolve(ctx.principal, input));
  }

  @Subscription(() => Escalation, {
    topics: Topic.ESCALATION_CREATED,
    // Managers and admins hear of every escalation, a supervisor of their team's.
    filter: ({ payload, context }: { payload: EscalationCreatedEvent; context: GraphQLContext }) =>
      canSeeEscalation(context.principal, payload),
    description: "Cases newly sent to the recovery managers' queue that the signed-in user may see",
  })
  async escalationCreated(
    @Root() event: EscalationCreatedEvent,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Escalation> {
    return ctx.services.escalations.getVisible(ctx.principal, event.taskId);
  }

  @FieldResolver(() => Loan)
  loan(@Root() escalation: Escalation, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.loaders.loanById.load(escalation.loanId);
  }
}
