import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { config } from "../../core/config/config.js";
import { AppError, ErrorCode } from "../../core/errors/app-error.js";
import { clientAddress } from "../../core/http/client-address.js";
import { normalizeEmail } from "../users/user-email.js";

const WINDOW_MS = 60_000;

/** The account an attempt is for, spelled as sign-in looks it up: every spelling of it counts as one. */
function attemptedAccount(body: unknown): string {
  const email = (body as { email?: unknown } | null | undefined)?.email;
  return typeof email === "string" ? normalizeEmail(email) : "";
}

const seconds = (n: number) => `${n} second${n === 1 ? "" : "s"}`;

/**
 * The sign-in route's two limits, each counted in the shared rate-limit store: attempts on one account from
 * one address (guessing its password), and attempts from one address on any accounts (spraying one password
 * over many). Every attempt counts, right or wrong, so that a burst cannot slip in before its failures are
 * known. The answer is 429 saying when to try again, with a Retry-After header. A preValidation hook: it needs
 * the parsed body, and counts attempts whose body the route's schema then refuses.
 */
export function signInLimits(app: FastifyInstance) {
  const limits = [
    {
      who: "for this account from your address",
      limit: app.createRateLimit({
        max: config().loginAttemptsPerMinute,
        timeWindow: WINDOW_MS,
        keyGenerator: (req) => `sign-in|${clientAddress(req)}|${attemptedAccount(req.body)}`,
      }),
    },
    {
      who: "from your address",
      limit: app.createRateLimit({
        max: config().loginAttemptsPerAddressPerMinute,
        timeWindow: WINDOW_MS,
        keyGenerator: (req) => `sign-in-address|${clientAddress(req)}`,
      }),
    },
  ];
  return async function limitSignIn(req: FastifyRequest, reply: FastifyReply) {
    for (const { who, limit } of limits) {
      const counted = await limit(req);
      if (counted.isAllowed || !counted.isExceeded) continue;
      const wait = Math.max(1, counted.ttlInSeconds);
      reply.header("retry-after", String(wait));
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `Too many sign-in attempts ${who}: try again in ${seconds(wait)}`,
      );
    }
  };
}
