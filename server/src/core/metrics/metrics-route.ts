import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { AppError, ErrorCode, unauthenticated } from "../errors/app-error.js";
import type { Metrics } from "./metrics.js";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * GET /metrics in Prometheus's text format, for a scraper holding the metrics token (never a user session or
 * an API key: the metrics describe the whole server). Without a configured token the route answers 404, as
 * if it did not exist.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics, token: string | undefined) {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  app.get(
    "/metrics",
    // Public to the session check: the metrics token is checked here instead.
    { config: { public: true }, schema: { hide: true }, logLevel: "warn" },
    async (req, reply) => {
      if (!expected)
        throw new AppError(
          ErrorCode.NOT_FOUND,
          "There is no route GET /metrics: set METRICS_TOKEN on the server to turn the metrics on",
        );
      // Hashes of equal length, compared in constant time: the answer's timing tells nothing of the token.
      if (!timingSafeEqual(digest(req.headers.authorization ?? ""), expected))
        throw unauthenticated("GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>");
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
}
