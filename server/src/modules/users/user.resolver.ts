import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { notFound } from "../../core/errors/app-error.js";
import { Team, User } from "./user.types.js";

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: "The signed-in user" })
  async me(@Ctx() ctx: GraphQLContext): Promise<User> {
    const user = await ctx.services.users.findProfileById(ctx.principal.userId);
    if (!user) throw notFound("User", ctx.principal.userId);
    return user;
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<Team | null> | null {
    return user.teamId ? ctx.loaders.teamById.load(user.teamId) : null;
  }
}
