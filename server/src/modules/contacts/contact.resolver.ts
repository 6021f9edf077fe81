import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { ContactRuleResult } from "../recommendations/contact-rule-result.types.js";
import { ContactCheckArgs, LogContactInput } from "./contact.inputs.js";
import { LogContactPayload } from "./contact.types.js";

// Role and visibility rules live in the service, so that refusals pass the audit middleware.
@Resolver()
export class ContactResolver {
  @Query(() => ContactRuleResult, {
    description:
      "Whether the contact rules allow contacting the loan's borrower on a channel now, and if not why and from when",
  })
  contactCheck(@Args() args: ContactCheckArgs, @Ctx() ctx: GraphQLContext): Promise<ContactRuleResult> {
    return ctx.services.contacts.check(ctx.principal, args);
  }

  @Mutation(() => LogContactPayload, {
    description:
      "Record a contact on a loan you may see. An OUTBOUND contact the contact rules forbid at its start is refused " +
      "(CONTACT_NOT_ALLOWED, the rule's verdict in the error's extensions); INBOUND ones are always recorded. " +
      "A CALLBACK_REQUESTED outcome makes a follow-up CALL task due at callbackAt",
  })
  async logContact(
    @Arg("input") input: LogContactInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LogContactPayload> {
    const change = await ctx.services.contacts.log(ctx.principal, input);
    ctx.auditedChange = {
      entityType: "Communication",
      entityId: change.payload.contact.id,
      before: null,
      after: change.after,
      replayed: change.replayed,
    };
    return change.payload;
  }
}
