import { Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { notFound } from "../../core/errors/app-error.js";
import { type RecommendationCreatedEvent, Topic } from "../../core/pubsub/pubsub.js";
import { canSeeTask } from "../tasks/task.access.js";
import { Recommendation } from "./recommendation.types.js";

@Resolver(() => Recommendation)
export class RecommendationResolver {
  @Subscription(() => Recommendation, {
    topics: Topic.RECOMMENDATION_CREATED,
    // Those who may see the loan's open task: its assignee, that team's supervisor, managers and admins.
    filter: ({ payload, context }: { payload: RecommendationCreatedEvent; context: GraphQLContext }) =>
      canSeeTask(context.principal, payload),
    description:
      "A new recommendation for a loan the signed-in user works (one loan rescored; batch runs send rescoringCompleted)",
  })
  async recommendationCreated(
    @Root() event: RecommendationCreatedEvent,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Recommendation> {
    // Re-read through the loan's access rules: the event carries ids only.
    await ctx.services.loans.getLoan(ctx.principal, event.loanId);
    const recommendation = await ctx.loaders.recommendationById.load(event.recommendationId);
    if (!recommendation) throw notFound("Recommendation", event.recommendationId);
    return recommendation;
  }
}
