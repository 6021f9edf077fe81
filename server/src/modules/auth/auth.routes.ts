import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppServices } from "../../core/app/app-context.js";
import { clientAddress } from "../../core/http/client-address.js";
import { errorBody } from "../../core/http/documented-responses.js";
import { boundedText } from "../../core/validation/domain-values.js";
import { REFRESH_TOKEN_PATTERN } from "./session.service.js";
import { signInLimits } from "./sign-in-limits.js";

const loginBody = z.object({
  // Any text with a visible character: sign-in itself says whether an account has this address.
  email: boundedText(320).regex(/\S/, { error: "email is required" }),
  password: boundedText(200, 1),
});

export function registerAuthRoutes(app: FastifyInstance, services: AppServices) {
  app.post(
    "/auth/login",
    {
      config: { public: true },
      // Before the body is validated: every attempt counts, malformed ones too.
      preValidation: signInLimits(app),
      schema: {
        tags: ["auth"],
        summary: "Sign in: exchange e-mail and password for a short-lived bearer token",
        body: loginBody,
        response: {
          401: errorBody.meta({ description: "Wrong e-mail or password, or a deactivated account" }),
          // The sign-in limits are this route's own hook, not a rateLimit config the documentation sees.
          429: errorBody.meta({
            description: "Too many attempts: wait for the Retry-After header's seconds",
          }),
        },
      },
    },
    async (req) => {
      const { email, password } = req.body as z.infer<typeof loginBody>;
      return services.auth.login(email.trim(), password, req.id);
    },
  );
}

const refreshBody = z.object({
  refreshToken: z.string().regex(REFRESH_TOKEN_PATTERN, {
    error: "must be the refreshToken given at sign-in or by the last refresh",
  }),
});

const refreshTokenOf = (body: unknown) => (body as z.infer<typeof refreshBody>).refreshToken;

/** Staying signed in through the day, and signing out, with the refresh token given at sign-in. */
export function registerSessionRoutes(app: FastifyInstance, services: AppServices) {
  const body = refreshBody;
  app.post(
    "/auth/refresh",
    {
      // The refresh token is the credential here; guessing one is hopeless (256 random bits), but a loop is not.
      config: {
        public: true,
        rateLimit: {
          // Before the body is validated: a refused body counts too.
          hook: "preValidation",
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
        response: { 401: errorBody.meta({ description: "The sign-in has ended or expired: sign in again" }) },
      },
    },
    async (req) => services.sessions.refresh(refreshTokenOf(req.body), req.id),
  );
  app.post(
    "/auth/logout",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Sign out: the sign-in's refresh tokens stop working",
        body,
        response: {
          204: z.null().meta({ description: "Signed out (also when the sign-in had already ended)" }),
        },
      },
    },
    async (req, reply) => {
      await services.sessions.end(refreshTokenOf(req.body), undefined, req.id);
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
