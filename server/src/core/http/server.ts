import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import fastifyApolloPlugin, {
  fastifyApolloDrainPlugin,
  fastifyApolloHandler,
} from "@as-integrations/fastify";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Services } from "../../app/services.js";
import { registerAuthRoutes, registerWhoAmIRoute } from "../../modules/auth/auth.routes.js";
import { registerFeatureRoutes } from "../../modules/features/features.routes.js";
import { registerHealthRoutes } from "../../modules/health/health.routes.js";
import { registerPredictRoutes } from "../../modules/scoring/predict.routes.js";
import { authenticateRequest, authenticateUser } from "../auth/authenticate.js";
import type { Principal } from "../auth/principal.js";
import { AppError, ErrorCode } from "../errors/app-error.js";
import { formatGraphQLError, toRestError } from "../errors/error-mapping.js";
import { createLoaders, type GraphQLContext } from "../graphql/context.js";
import type { Logger } from "../logging/logger.js";
import { pgRateLimitStore } from "./pg-rate-limit-store.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Reachable without credentials (health, API docs, sign-in). */
    public?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

void fastifyApolloPlugin;

function unauthenticatedGraphQL(err: unknown): GraphQLError {
  const message = err instanceof AppError ? err.message : "Sign in first";
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

export interface AppServer {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** One HTTP server: REST routes, GraphQL over HTTP, and GraphQL subscriptions over WebSocket on /graphql. */
export async function createServer(
  services: Services,
  schema: GraphQLSchema,
  log: Logger,
): Promise<AppServer> {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    bodyLimit: 5 * 1024 * 1024,
  });

  app.addHook("onRoute", (route) => {
    // The documentation routes hold no data and are public.
    if (route.url.startsWith("/docs")) route.config = { ...(route.config ?? {}), public: true };
  });

  app.addHook("onRequest", async (req) => {
    if (req.routeOptions.config?.public) return;
    req.principal = await authenticateRequest(req.headers, services.apiKeys, services.userAccess);
  });

  app.setErrorHandler((err: Error & { validation?: unknown; statusCode?: number }, req, reply) => {
    if (err.validation) {
      return reply.code(400).send({ error: { code: ErrorCode.BAD_USER_INPUT, message: err.message } });
    }
    if (!(err instanceof AppError) && err.statusCode && err.statusCode < 500) {
      return reply
        .code(err.statusCode)
        .send({ error: { code: ErrorCode.BAD_USER_INPUT, message: err.message } });
    }
    const { status, body } = toRestError(err, req.log);
    return reply.code(status).send(body);
  });

  // Limits are set per route (sign-in, /predict), not globally. The counters live in PostgreSQL so that all
  // worker processes and replicas enforce one limit between them, not one each.
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(services.pool, log) });

  // After the hooks and the error handler, so that the documentation routes get both.
  await app.register(swagger, {
    openapi: {
      info: { title: "CreditPathAI API", version: "0.1.0", description: "REST endpoints of CreditPathAI" },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list" } });
  app.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerHealthRoutes(app, services);
  registerAuthRoutes(app, services);
  registerWhoAmIRoute(app);
  registerFeatureRoutes(app, services);
  registerPredictRoutes(app, services);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatGraphQLError(formatted, error, log),
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();

  app.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    // Authentication happens in the context function, so that it answers in GraphQL's error format.
    config: { public: true },
    handler: fastifyApolloHandler(apollo, {
      context: async (req) => {
        let principal: GraphQLContext["principal"];
        try {
          principal = await authenticateUser(req.headers.authorization, services.userAccess);
        } catch (err) {
          throw unauthenticatedGraphQL(err);
        }
        return { principal, requestId: req.id, services, loaders: createLoaders(services) };
      },
    }),
  });

  const wsServer = new WebSocketServer({ server: app.server, path: "/graphql" });
  const wsCleanup = useServer<{ authorization?: string }, { principal: GraphQLContext["principal"] }>(
    {
      schema,
      // The token travels in connection_init; a connection without a valid one is closed (4403).
      onConnect: async (ctx) => {
        try {
          ctx.extra.principal = await authenticateUser(
            ctx.connectionParams?.authorization,
            services.userAccess,
          );
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): GraphQLContext => ({
        principal: ctx.extra.principal as GraphQLContext["principal"],
        requestId: randomUUID(),
        services,
        loaders: createLoaders(services),
      }),
    },
    wsServer,
  );

  return {
    app,
    async close() {
      await wsCleanup.dispose();
      wsServer.close();
      await app.close();
    },
  };
}
