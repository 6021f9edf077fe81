import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../core/app/app-context.js";
import { API_KEY_SCOPES } from "../api-keys/api-key.scopes.js";
import { inconsistentHistoryAnswer } from "../features/features.routes.js";
import { type PredictRequest, predictRequestSchema } from "./predict.schema.js";

// Signed-in users (the portal's what-if) share a generous default; each API key has its own limit.
const USER_LIMIT_PER_MINUTE = 600;

export function registerPredictRoutes(app: FastifyInstance, services: AppServices) {
  app.post(
    "/predict",
    {
      // Scorers call this many times a second and every call is in the audit trail: request logs only for
      // warnings and errors.
      logLevel: "warn",
      config: {
        apiKeyScope: API_KEY_SCOPES.predict,
        rateLimit: {
          // Before the body is validated: a refused body counts too.
          hook: "preValidation",
          keyGenerator: (req) =>
            req.principal?.kind === "apiKey"
              ? `key:${req.principal.apiKeyId}`
              : `user:${req.principal?.kind === "user" ? req.principal.userId : req.ip}`,
          // 0 on a key means no limit (set with `npm run apikey -- create <name> --rate-limit 0`). Such keys
          // skip the counters altogether: a scorer's every call would otherwise cost a database round trip.
          allowList: (req) => req.principal?.kind === "apiKey" && req.principal.rateLimitPerMinute === 0,
          max: (req) =>
            req.principal?.kind === "apiKey" ? req.principal.rateLimitPerMinute : USER_LIMIT_PER_MINUTE,
          timeWindow: 60_000,
        },
      },
      schema: {
        tags: ["scoring"],
        summary:
          "Probability of default, tier, bucket, recommended action and reasons for a loan (nothing is stored). A loan already 90+ days past due is in default: probability 1, tier IN_DEFAULT, no PD reasons; its propensity to pay (when a model serves) is the score to work on",
        description:
          'Either {"featureVersion": <GET /features featureVersion>, "features": {<every feature of GET /features>: number|null}} (a vector built for another catalogue version, or without featureVersion: built for version 1, is refused with 400) or {"history": {asOfDate, loan, borrower, schedule, payments, contacts?, promises?}}; optional "contact" (timeZone, suppression flags, outstandingBalance) and "reasons" (default true). A history whose payments contradict each other (two with one key, a reversal of itself or of no payment in it) is refused with 422.',
        body: predictRequestSchema,
        response: { 422: inconsistentHistoryAnswer },
      },
    },
    async (req) =>
      services.predict.predict(
        req.body as PredictRequest,
        req.principal as NonNullable<typeof req.principal>,
        req.id,
      ),
  );
}
