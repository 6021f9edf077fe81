import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Borrower } from "../loans/loan.types.js";
import { UpdateContactPreferencesInput } from "./contact.inputs.js";
import { ContactPreferences } from "./contact-preferences.types.js";

@Resolver(() => Borrower)
export class ContactPreferencesResolver {
  @Mutation(() => ContactPreferences, {
    description:
      "Record what a borrower asked about being contacted (do not contact, dispute, opted-out channels, preferred " +
      "channel and hours): it applies to every loan of theirs at once. Lifting a dispute needs a supervisor, manager or admin",
  })
  async updateContactPreferences(
    @Arg("input") input: UpdateContactPreferencesInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ContactPreferences> {
    const change = await ctx.services.contactPreferences.update(ctx.principal, input);
    ctx.auditedChange = {
      entityType: "Borrower",
      entityId: change.preferences.borrowerId,
      before: change.before,
      after: change.after,
      replayed: change.replayed,
    };
    return change.preferences;
  }

  @FieldResolver(() => ContactPreferences, { description: "What the borrower asked about being contacted" })
  contactPreferences(@Root() borrower: Borrower, @Ctx() ctx: GraphQLContext): Promise<ContactPreferences> {
    return ctx.loaders.contactPreferencesByBorrowerId.load(borrower.id);
  }
}
