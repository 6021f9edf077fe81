import { GraphQLJSON } from "graphql-scalars";
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import type { Policy } from "./policy.js";

@ObjectType({ description: "A person who saved or activated a policy version" })
export class PolicyPerson {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;
}

@ObjectType({
  description: "The recommendation policy: rows by tier, bucket, promise state and balance; contact rules",
})
export class RecommendationPolicy {
  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLJSON, { description: "rules, contactRules and brokenPromise (see the README)" })
  definition!: Policy;

  @Field({
    description: "Whether this version is the organisation's policy now (false: a draft or an earlier one)",
  })
  active!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: "Who saved this version" })
  createdById!: string | null;

  @Field(() => PolicyPerson, {
    nullable: true,
    description: "Who saved this version, by name (null: installed by the system)",
  })
  createdBy!: PolicyPerson | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When a manager or admin activated it (never: a draft)" })
  activatedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  activatedById!: string | null;

  @Field(() => PolicyPerson, { nullable: true, description: "Who activated it, by name" })
  activatedBy!: PolicyPerson | null;
}

type PolicyRow = Omit<RecommendationPolicy, "definition"> & { definition: unknown };
const toPolicy = (row: PolicyRow): RecommendationPolicy => ({ ...row, definition: row.definition as Policy });

@Resolver()
export class PolicyResolver {
  @Query(() => RecommendationPolicy, { description: "The active recommendation policy" })
  async recommendationPolicy(@Ctx() ctx: GraphQLContext): Promise<RecommendationPolicy> {
    const policy = await ctx.services.policies.active();
    const row = await ctx.services.policies.version(policy.version);
    return toPolicy(row);
  }

  @Query(() => [RecommendationPolicy], { description: "Every saved version, drafts included, newest first" })
  async recommendationPolicyVersions(@Ctx() ctx: GraphQLContext): Promise<RecommendationPolicy[]> {
    return (await ctx.services.policies.history()).map(toPolicy);
  }

  @Mutation(() => RecommendationPolicy, {
    description:
      "Save a new version as a draft (supervisors and up); it applies once a manager or admin activates it",
  })
  async saveRecommendationPolicyDraft(
    @Arg("definition", () => GraphQLJSON) definition: unknown,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RecommendationPolicy> {
    return toPolicy(await ctx.services.policies.saveDraft(ctx.principal, definition, note));
  }

  @Mutation(() => RecommendationPolicy, {
    description: "Make a saved version the organisation's policy (recovery managers and admins)",
  })
  async activateRecommendationPolicy(
    @Arg("version", () => Int) version: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RecommendationPolicy> {
    return toPolicy(await ctx.services.policies.activate(ctx.principal, version));
  }
}
