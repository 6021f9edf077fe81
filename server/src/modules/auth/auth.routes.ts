import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppServices } from "../../core/app/app-context.js";
import { badInput } from "../../core/errors/app-error.js";
import { clientAddress } from "../../core/http/client-address.js";
import { signInLimits } from "./sign-in-limits.js";

const loginBody = z.object({
  email: z.string().trim().min(3, "email is required").max(320),
  password: z.string().min(1, "password is required").max(200),
});

export function registerAuthRoutes(app: FastifyInstance, services: AppServices) {
  app.post(
    "/auth/login",
    {
      config: { public: true },
      preHandler: signInLimits(app),
      schema: {
        tags: ["auth"],
        summary: "Sign in: exchange e-mail and password for a short-lived bearer token",
        body: {
          type: "object",
          required: ["email", "password"],
          properties: { email: { type: "string" }, password: { type: "string" } },
        },
      },
    },
    async (req) => {
      const { email, password } = parseBody(loginBody, req.body);
      return services.auth.login(email, password, req.id);
    },
  );
}

const refreshBody = z.object({
  refreshToken: z.string().min(1, "refreshToken is required").max(200),
});

/** A body checked against its schema, or 400 naming each field that is wrong. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw badInput(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

const parseRefreshBody = (body: unknown) => parseBody(refreshBody, body).refreshToken;

/** Staying signed in through the day, and signing out, with the refresh token given at sign-in. */
export function registerSessionRoutes(app: FastifyInstance, services: AppServices) {
  const body = {
    type: "object",
    required: ["refreshToken"],
    properties: { refreshToken: { type: "string", minLength: 1, maxLength: 200 } },
  } as const;
  app.post(
    "/auth/refresh",
    {
      // The refresh token is the credential here; guessing one is hopeless (256 random bits), but a loop is not.
      config: {
        public: true,
        rateLimit: {
          hook: "preHandler",
          max: 60,
          timeWindow: 60_000,
          keyGenerator: (req) => `refresh|${clientAddress(req)}`,
        },
      },
      schema: {
        tags: ["auth"],
        summary:
          "A new access token and a new refresh token for the refresh token of a sign-in (rotated: use each once)",
        body,
      },
    },
    async (req) => services.sessions.refresh(parseRefreshBody(req.body), req.id),
  );
  app.post(
    "/auth/logout",
    {
      config: { public: true },
      schema: { tags: ["auth"], summary: "Sign out: the sign-in's refresh tokens stop working", body },
    },
    async (req, reply) => {
      await services.sessions.end(parseRefreshBody(req.body), undefined, req.id);
      return reply.code(204).send();
    },
  );
}

export function registerWhoAmIRoute(app: FastifyInstance) {
  app.get(
    "/auth/whoami",
    {
      schema: {
        tags: ["auth"],
        summary: "Who the presented credentials (bearer token or API key) belong to",
      },
      config: { apiKeyScope: "any" },
    },
    async (req) => {
      const p = req.principal;
      if (!p) throw new Error("authentication hook did not run");
      return p.kind === "user"
        ? { kind: "user", userId: p.userId, role: p.role, teamId: p.teamId }
        : {
            kind: "apiKey",
            apiKeyId: p.apiKeyId,
            rateLimitPerMinute: p.rateLimitPerMinute,
            scopes: p.scopes,
          };
    },
  );
}
