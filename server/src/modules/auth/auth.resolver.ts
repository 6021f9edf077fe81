import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { ChangePasswordInput } from "./auth.inputs.js";

@Resolver()
export class AuthResolver {
  @Mutation(() => Boolean, { description: "Change the signed-in user's password" })
  changePassword(@Arg("input") input: ChangePasswordInput, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.auth.changePassword(ctx.principal, input.currentPassword, input.newPassword);
  }
}
