import { Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { ModelHealth } from "./model-health.types.js";

// The role rule lives in the service, so that a refusal passes the audit middleware like everything else.
@Resolver()
export class ModelHealthResolver {
  @Query(() => ModelHealth, {
    description:
      "Supervisors, managers and admins: the served model's card, live score and feature drift (PSI) against training, and calibration where outcomes are known",
  })
  modelHealth(@Ctx() ctx: GraphQLContext): Promise<ModelHealth> {
    return ctx.services.modelHealth.health(ctx.principal);
  }
}
