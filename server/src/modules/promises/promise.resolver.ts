import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import type { Page } from "../../core/graphql/cursor-page.js";
import { type PromiseBrokenEvent, Topic } from "../../core/pubsub/pubsub.js";
import { Loan } from "../loans/loan.types.js";
import { canSeeTask } from "../tasks/task.access.js";
import { CancelPromiseArgs, LogPromiseInput, PromisesArgs } from "./promise.inputs.js";
import { PromiseToPay, PromiseToPayConnection } from "./promise.types.js";
import type { Change } from "./promise-change.js";

/** Tells the audit middleware what the mutation changed, and answers with its result. */
export function reported<T>(ctx: GraphQLContext, entityType: string, change: Change<T>): T {
  ctx.auditedChange = {
    entityType,
    entityId: change.entityId,
    before: change.before,
    after: change.after,
    replayed: change.replayed,
  };
  return change.result;
}

// Access rules live in the service, so that refusals pass the audit middleware.
@Resolver(() => PromiseToPay)
export class PromiseResolver {
  @Mutation(() => PromiseToPay, {
    description:
      "Record a borrower's promise to pay on a loan you work; it replaces the loan's pending promise",
  })
  async logPromiseToPay(
    @Arg("input") input: LogPromiseInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PromiseToPay> {
    return reported(ctx, "PromiseToPay", await ctx.services.promises.log(ctx.principal, input));
  }

  @Mutation(() => PromiseToPay, { description: "Cancel a pending promise (not an arrangement's instalment)" })
  async cancelPromise(@Args() args: CancelPromiseArgs, @Ctx() ctx: GraphQLContext): Promise<PromiseToPay> {
    return reported(ctx, "PromiseToPay", await ctx.services.promises.cancel(ctx.principal, args));
  }

  @Query(() => PromiseToPayConnection, {
    description:
      "Promises (and arrangement instalments) on the loans you may see, soonest promised date first: agents their own loans', supervisors their team's, managers and admins all",
  })
  promises(@Args() args: PromisesArgs, @Ctx() ctx: GraphQLContext): Promise<Page<PromiseToPay>> {
    return ctx.services.promises.list(ctx.principal, args);
  }

  @Subscription(() => PromiseToPay, {
    topics: Topic.PROMISE_BROKEN,
    // Only to those who may see the loan: its task's assignee, that team's supervisor, managers and admins.
    filter: ({ payload, context }: { payload: PromiseBrokenEvent; context: GraphQLContext }) =>
      canSeeTask(context.principal, payload),
    description: "Promises and arrangement instalments found broken on loans you may see",
  })
  promiseBroken(@Root() event: PromiseBrokenEvent, @Ctx() ctx: GraphQLContext): Promise<PromiseToPay> {
    return ctx.services.promises.getVisible(ctx.principal, event.promiseId);
  }

  @FieldResolver(() => Loan)
  loan(@Root() promise: PromiseToPay, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.loaders.loanById.load(promise.loanId);
  }
}
