import type { GraphQLSchema } from "graphql";
import { config } from "../core/config/config.js";
import { type AppServer, createServer } from "../core/http/server.js";
import type { Logger } from "../core/logging/logger.js";
import {
  registerAuthRoutes,
  registerSessionRoutes,
  registerWhoAmIRoute,
} from "../modules/auth/auth.routes.js";
import { registerFeatureRoutes } from "../modules/features/features.routes.js";
import { registerHealthRoutes } from "../modules/health/health.routes.js";
import { registerPredictRoutes } from "../modules/scoring/predict.routes.js";
import { createLoaders, type GraphQLContext } from "./graphql-context.js";
import type { Services } from "./services.js";

/**
 * The API server: core's HTTP, GraphQL and WebSocket plumbing with the modules' routes and services.
 * `metrics.token`: what GET /metrics asks for (METRICS_TOKEN unless given; undefined turns /metrics off).
 */
export function createAppServer(
  services: Services,
  schema: GraphQLSchema,
  log: Logger,
  metrics: { token: string | undefined } = { token: config().metricsToken },
): Promise<AppServer> {
  return createServer<GraphQLContext>({
    schema,
    log,
    metrics: services.metrics,
    metricsToken: metrics.token,
    apiKeys: services.apiKeys,
    users: services.userAccess,
    rateLimitPool: services.pool,
    registerRoutes(app) {
      registerHealthRoutes(app, services);
      registerAuthRoutes(app, services);
      registerSessionRoutes(app, services);
      registerWhoAmIRoute(app);
      registerFeatureRoutes(app, services);
      registerPredictRoutes(app, services);
    },
    graphQLContext: (principal, requestId) => ({
      principal,
      requestId,
      services,
      loaders: createLoaders(services),
    }),
  });
}
