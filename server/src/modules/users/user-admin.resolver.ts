import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { User } from "./user.types.js";
import { CreateUserInput, SetUserPasswordInput } from "./user-admin.inputs.js";

// Role rules live in the service, so that refusals pass through the audit middleware like everything else.
@Resolver(() => User)
export class UserAdminResolver {
  @Query(() => [User], {
    description: "Users the caller works with: a supervisor's team; everyone for managers and admins",
  })
  users(
    @Ctx() ctx: GraphQLContext,
    @Arg("includeInactive", { defaultValue: false }) includeInactive: boolean,
  ): Promise<User[]> {
    return ctx.services.userAdmin.list(ctx.principal, includeInactive);
  }

  @Mutation(() => User, { description: "Admins: add a user to the roster with a first password" })
  createUser(@Arg("input") input: CreateUserInput, @Ctx() ctx: GraphQLContext): Promise<User> {
    return ctx.services.userAdmin.create(ctx.principal, input);
  }

  @Mutation(() => User, { description: "Admins: set or reset a user's password; their sign-ins end" })
  setUserPassword(@Arg("input") input: SetUserPasswordInput, @Ctx() ctx: GraphQLContext): Promise<User> {
    return ctx.services.userAdmin.setPassword(ctx.principal, input);
  }

  @Mutation(() => User, {
    description: "Admins: a deactivated user cannot sign in; their sessions and sockets end",
  })
  deactivateUser(@Arg("userId", () => ID) userId: string, @Ctx() ctx: GraphQLContext): Promise<User> {
    return ctx.services.userAdmin.setActive(ctx.principal, userId, false);
  }

  @Mutation(() => User, { description: "Admins: let a deactivated user sign in again" })
  reactivateUser(@Arg("userId", () => ID) userId: string, @Ctx() ctx: GraphQLContext): Promise<User> {
    return ctx.services.userAdmin.setActive(ctx.principal, userId, true);
  }
}
