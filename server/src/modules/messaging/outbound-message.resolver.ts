import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Loan } from "../loans/loan.types.js";
import { OutboundMessagesArgs } from "./outbound-message.inputs.js";
import { OutboundMessage, OutboundMessagePage } from "./outbound-message.types.js";

@Resolver(() => OutboundMessage)
export class OutboundMessageResolver {
  @Query(() => OutboundMessagePage, {
    description:
      "The outbound message queue (automated reminders): supervisors their team's loans, managers and admins all, agents their own loans'",
  })
  outboundMessages(
    @Args() args: OutboundMessagesArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OutboundMessagePage> {
    return ctx.services.outboundMessages.list(ctx.principal, args);
  }

  @FieldResolver(() => Loan)
  loan(@Root() message: OutboundMessage, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.loaders.loanById.load(message.loanId);
  }
}
