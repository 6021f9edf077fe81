import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import fastifyApolloPlugin, {
  fastifyApolloDrainPlugin,
  fastifyApolloHandler,
} from "@as-integrations/fastify";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { type DocumentNode, GraphQLError, type GraphQLSchema, parse } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type pg from "pg";
import { WebSocketServer } from "ws";
import {
  type ApiKeyVerifier,
  authenticateRequest,
  authenticateSession,
  authenticateUser,
  type CurrentUserSource,
} from "../auth/authenticate.js";
import type { Principal, UserPrincipal } from "../auth/principal.js";
import { config } from "../config/config.js";
import { databaseUnavailable, isDatabaseUnavailable } from "../db/database-unavailable.js";
import { AppError, ErrorCode, forbidden } from "../errors/app-error.js";
import { formatGraphQLError, toRestError } from "../errors/error-mapping.js";
import { argumentChecksPlugin, argumentError } from "../graphql/argument-checks.js";
import { databaseOutagePlugin } from "../graphql/database-outage.plugin.js";
import { costError, queryCostPlugin } from "../graphql/query-cost.js";
import { graphQLRequestPlugin } from "../graphql/request-plugin.js";
import { type Logger, withoutQuery } from "../logging/logger.js";
import type { Metrics } from "../metrics/metrics.js";
import { registerMetricsRoute } from "../metrics/metrics-route.js";
import { describeIssues, type IssueLike } from "../validation/domain-values.js";
import { documentRefusals, withoutBodiesFor204 } from "./documented-responses.js";
import { registerJsonBodyParser } from "./json-body.js";
import { answerMethodNotAllowed } from "./method-not-allowed.js";
import { pgRateLimitStore } from "./pg-rate-limit-store.js";
import { REQUEST_ID_HEADER, requestIdFor } from "./request-id.js";
import { GRAPHQL_SECURITY_HEADERS, registerSecurityHeaders } from "./security-headers.js";
import { SOCKET_CLOSE, SocketSessions } from "./socket-sessions.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Reachable without credentials (health, API docs, sign-in). */
    public?: boolean;
    /**
     * The scope an API key needs for this route ("any": every valid key). Unset: API keys may not call it at
     * all, so a new route is closed to external systems until it says otherwise.
     */
    apiKeyScope?: string;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

void fastifyApolloPlugin;

/** Why the context could not be built: the database is down (503, the client keeps its session), or 401. */
function contextFailure(err: unknown, requestId: string): GraphQLError {
  if (isDatabaseUnavailable(err)) {
    const unavailable = databaseUnavailable();
    return new GraphQLError(unavailable.message, {
      extensions: { code: unavailable.code, requestId, http: { status: 503 } },
    });
  }
  const message = err instanceof AppError ? err.message : "Sign in first";
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, requestId, http: { status: 401 } },
  });
}

function requireApiKeyScope(scopes: readonly string[], needed: string | undefined): void {
  if (needed === undefined) throw forbidden("API keys cannot call this route: it is for signed-in users");
  if (needed !== "any" && !scopes.includes(needed))
    throw forbidden(
      `This API key lacks the "${needed}" scope (it has: ${scopes.join(", ") || "none"}): ask an administrator for a key with it`,
    );
}

/** A Fastify validation error's entry (from the zod validator) as the issue it came from. */
function fastifyIssue(v: {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: { errors?: IssueLike[][]; keys?: string[] };
}): IssueLike {
  return {
    keys: v.params?.keys,
    path: (v.instancePath ?? "").split("/").filter(Boolean),
    message: v.message ?? "is invalid",
    code: v.keyword,
    errors: v.params?.errors,
  };
}

export interface AppServer {
  app: FastifyInstance;
  close(): Promise<void>;
}

/** What the application plugs into the HTTP server: its schema, its routes, who may call, and the context. */
export interface ServerParts<Ctx extends { principal: UserPrincipal; requestId: string }> {
  schema: GraphQLSchema;
  log: Logger;
  apiKeys: ApiKeyVerifier;
  users: CurrentUserSource;
  /** The process's metrics: requests and operations are counted into them. */
  metrics: Metrics;
  /** The bearer token GET /metrics asks for; undefined: /metrics answers 404. */
  metricsToken: string | undefined;
  /** Where the rate-limit counters live, shared by every process. */
  rateLimitPool: pg.Pool;
  /** Registers the REST routes (after authentication, error handling and the API docs are in place). */
  registerRoutes(app: FastifyInstance): void;
  /** A GraphQL operation's context, built once per request or subscription operation. */
  graphQLContext(principal: UserPrincipal, requestId: string): Ctx;
}

/** One HTTP server: REST routes, GraphQL over HTTP, and GraphQL subscriptions over WebSocket on /graphql. */
export async function createServer<Ctx extends { principal: UserPrincipal; requestId: string }>(
  parts: ServerParts<Ctx>,
): Promise<AppServer> {
  const { schema, log } = parts;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    genReqId: (req) => requestIdFor(req.headers),
    bodyLimit: 5 * 1024 * 1024,
    // req.ip (what per-client limits count) is the forwarded client only behind a proxy the operator named.
    trustProxy: config().trustedProxies.length > 0 ? config().trustedProxies : false,
  });

  // First of the hooks, so that every answer carries it, refusals included: a caller quotes it to support.
  app.addHook("onRequest", async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  // Counted by route pattern (/loans/:id, not each URL); a request no route matched counts as "unmatched".
  app.addHook("onResponse", async (req, reply) => {
    parts.metrics.observeRequest(
      req.routeOptions.url ?? "unmatched",
      req.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  await registerSecurityHeaders(app);

  // REST bodies, paths and queries are checked by their routes' zod schemas (core/validation), which also
  // write the OpenAPI document: what is documented is what is accepted.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBodyParser(app);
  answerMethodNotAllowed(app);

  app.addHook("onRoute", (route) => {
    // The documentation routes hold no data and are public.
    if (route.url.startsWith("/docs")) route.config = { ...(route.config ?? {}), public: true };
    documentRefusals(route);
  });

  app.addHook("onRequest", async (req) => {
    if (req.routeOptions.config?.public) return;
    req.principal = await authenticateRequest(req.headers, parts.apiKeys, parts.users);
    if (req.principal.kind === "apiKey")
      requireApiKeyScope(req.principal.scopes, req.routeOptions.config?.apiKeyScope);
  });

  // Fastify's own 404 logs and echoes the whole URL, query string included.
  // Every REST error body names its request (the id in the request's log lines and x-request-id header).
  const sendError = (req: FastifyRequest, reply: FastifyReply, status: number, error: object) =>
    reply.code(status).send({ error: { ...error, requestId: req.id } });

  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, 404, {
      code: ErrorCode.NOT_FOUND,
      message: `There is no route ${req.method} ${withoutQuery(req.url)}: the REST routes are listed at /docs`,
    }),
  );

  app.setErrorHandler((err: Error & { validation?: unknown; statusCode?: number }, req, reply) => {
    if (Array.isArray(err.validation)) {
      const where = (err as { validationContext?: string }).validationContext ?? "body";
      const message = `Invalid ${where === "params" ? "path" : where}: ${describeIssues(
        err.validation.map(fastifyIssue),
      )}`;
      return sendError(req, reply, 400, { code: ErrorCode.BAD_USER_INPUT, message });
    }
    if (!(err instanceof AppError) && err.statusCode && err.statusCode < 500) {
      return sendError(req, reply, err.statusCode, { code: ErrorCode.BAD_USER_INPUT, message: err.message });
    }
    const { status, body } = toRestError(err, req.log);
    return sendError(req, reply, status, body.error);
  });

  // Limits are set per route (sign-in, /predict), not globally. The counters live in PostgreSQL so that all
  // worker processes and replicas enforce one limit between them, not one each.
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(parts.rateLimitPool, log) });

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
    transform: jsonSchemaTransform,
    transformObject: (document) =>
      withoutBodiesFor204("openapiObject" in document ? document.openapiObject : document.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list" } });
  app.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  parts.registerRoutes(app);
  registerMetricsRoute(app, parts.metrics, parts.metricsToken);

  const production = config().env === "production";
  const apollo = new ApolloServer<Ctx>({
    schema,
    // In production the schema is not handed to strangers: no introspection, no "Did you mean" suggestions.
    // Clients use the committed schema.graphql.
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatGraphQLError(formatted, error),
    // Compact JSON: Apollo pretty-prints every response by default, which cost a worklist page about a tenth
    // of its CPU and sent mobile clients a third more bytes.
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      fastifyApolloDrainPlugin(app),
      queryCostPlugin(schema, config().graphqlMaxCost),
      argumentChecksPlugin(schema),
      databaseOutagePlugin(),
      graphQLRequestPlugin<Ctx>(parts.metrics, log),
      // No response is HTTP-cached (every answer depends on who asks), and the default cache-control plugin
      // hooks every field of every response to compute a policy nobody reads.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    // Authentication happens in the context function, so that it answers in GraphQL's error format.
    config: { public: true },
    helmet: GRAPHQL_SECURITY_HEADERS,
    handler: fastifyApolloHandler(apollo, {
      context: async (req) => {
        let principal: UserPrincipal;
        try {
          principal = await authenticateUser(req.headers.authorization, parts.users);
        } catch (err) {
          throw contextFailure(err, req.id);
        }
        return parts.graphQLContext(principal, req.id);
      },
    }),
  });

  const wsServer = new WebSocketServer({ server: app.server, path: "/graphql" });
  const sockets = new SocketSessions(parts.users);
  const wsCleanup = useServer<{ authorization?: string }, Record<string, never>>(
    {
      schema,
      // The cost limit applies to subscriptions too: each event would run the whole selection again.
      onSubscribe: (_ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch {
          return undefined; // graphql-ws reports the syntax error itself
        }
        const operation = {
          schema,
          document,
          variables: payload.variables ?? undefined,
          operationName: payload.operationName,
        };
        const err = costError(operation, config().graphqlMaxCost) ?? argumentError(operation);
        return err ? [err] : undefined;
      },
      // The token travels in connection_init; a connection without a valid one is closed (4403).
      onConnect: async (ctx) => {
        try {
          const session = await authenticateSession(ctx.connectionParams?.authorization, parts.users);
          sockets.arm(ctx.extra.socket, session.principal, session.expiresAt);
          return true;
        } catch {
          return false;
        }
      },
      // A client that refreshed its sign-in sends the new token as a ping's payload ({ authorization }): the
      // socket and its subscriptions live on under the new token instead of closing when the old one expires.
      onPing: async (ctx, payload) => {
        const authorization = payload?.authorization;
        if (typeof authorization !== "string") return;
        try {
          const session = await authenticateSession(authorization, parts.users);
          if (session.principal.userId !== sockets.principalOf(ctx.extra.socket)?.userId)
            return sockets.close(ctx.extra.socket, SOCKET_CLOSE.otherUser);
          sockets.arm(ctx.extra.socket, session.principal, session.expiresAt);
        } catch {
          sockets.close(ctx.extra.socket, SOCKET_CLOSE.invalidToken);
        }
      },
      onClose: (ctx) => sockets.forget(ctx.extra.socket),
      context: (ctx) => {
        // onConnect let no socket through without one; the principal is the one of its latest token.
        const principal = sockets.principalOf(ctx.extra.socket);
        const requestId = randomUUID();
        if (!principal) throw contextFailure(undefined, requestId);
        return parts.graphQLContext(principal, requestId);
      },
    },
    wsServer,
  );

  return {
    app,
    async close() {
      sockets.dispose();
      await wsCleanup.dispose();
      wsServer.close();
      await app.close();
    },
  };
}
