import { GraphQLJSON } from "graphql-scalars";
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../app/graphql-context.js";
import type { Policy } from "./policy.js";

@ObjectType({
  description: "The recommendation policy: rows by tier, bucket, promise state and balance; contact rules",
})
export class RecommendationPolicy {
  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLJSON, { description: "rules, contactRules and brokenPromise (see the README)" })
  definition!: Policy;
}

@Resolver()
export class PolicyResolver {
  @Query(() => RecommendationPolicy, { description: "The active recommendation policy" })
  async recommendationPolicy(@Ctx() ctx: GraphQLContext): Promise<RecommendationPolicy> {
    const policy = await ctx.services.policies.active();
    return { version: policy.version, definition: policy };
  }

  @Mutation(() => RecommendationPolicy, {
    description: "Save and activate a new version of the policy (supervisors and up)",
  })
  async saveRecommendationPolicy(
    @Arg("definition", () => GraphQLJSON) definition: unknown,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RecommendationPolicy> {
    const policy = await ctx.services.policies.save(ctx.principal, definition, note);
    return { version: policy.version, definition: policy };
  }
}
