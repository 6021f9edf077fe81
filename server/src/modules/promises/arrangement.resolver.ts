import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { Arrangement } from "./arrangement.types.js";
import { RecordArrangementInput } from "./promise.inputs.js";
import { reported } from "./promise.resolver.js";

@Resolver(() => Arrangement)
export class ArrangementResolver {
  @Mutation(() => Arrangement, {
    description:
      "Record a payment plan or settlement on a loan you work; it replaces the loan's current arrangement and pending promise",
  })
  async recordArrangement(
    @Arg("input") input: RecordArrangementInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Arrangement> {
    return reported(ctx, "Arrangement", await ctx.services.arrangements.record(ctx.principal, input));
  }

  @Query(() => [Arrangement], { description: "A loan's payment arrangements, newest first" })
  arrangements(@Arg("loanId", () => ID) loanId: string, @Ctx() ctx: GraphQLContext): Promise<Arrangement[]> {
    return ctx.services.arrangements.forLoan(ctx.principal, loanId);
  }
}
