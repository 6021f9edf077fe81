import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import type { Page } from "../../core/graphql/cursor-page.js";
import { Loan } from "../loans/loan.types.js";
import { OutboundMessagesArgs } from "./outbound-message.inputs.js";
import { OutboundMessage, OutboundMessageConnection } from "./outbound-message.types.js";

@Resolver(() => OutboundMessage)
export class OutboundMessageResolver {
  @Query(() => OutboundMessageConnection, {
    description:
      "The outbound message queue (automated reminders): supervisors their team's loans, managers and admins all, agents their own loans'",
  })
  outboundMessages(
    @Args() args: OutboundMessagesArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<OutboundMessage>> {
    return ctx.services.outboundMessages.list(ctx.principal, args);
  }

  @FieldResolver(() => Loan)
  loan(@Root() message: OutboundMessage, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.loaders.loanById.load(message.loanId);
  }
}
