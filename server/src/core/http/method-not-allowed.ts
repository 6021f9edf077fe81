import type { FastifyInstance, RouteOptions } from "fastify";
import { ErrorCode } from "../errors/app-error.js";

/** "/features/:loanId" as a regular expression over request paths. */
const pathPattern = (url: string) =>
  new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[^/]+/g, "[^/]+")}/?$`);

/**
 * A known path asked with a method it does not take answers 405 with an Allow header, as HTTP says, instead of
 * "no route" (404) or a complaint about the body of a method nobody serves. Call before the routes register.
 */
export function answerMethodNotAllowed(app: FastifyInstance): void {
  const known: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    const methods = [route.method].flat().map(String);
    const existing = known.find((k) => k.pattern.source === pathPattern(route.url).source);
    if (existing) for (const m of methods) existing.methods.add(m);
    else known.push({ pattern: pathPattern(route.url), methods: new Set(methods) });
  });
  app.addHook("onRequest", async (req, reply) => {
    if (!req.is404) return;
    const path = req.url.split("?")[0] ?? "";
    const allowed = new Set(known.filter((k) => k.pattern.test(path)).flatMap((k) => [...k.methods]));
    if (allowed.size === 0) return;
    const allow = [...allowed].sort().join(", ");
    return reply
      .code(405)
      .header("allow", allow)
      .send({
        error: {
          code: ErrorCode.BAD_USER_INPUT,
          message: `${path} does not take ${req.method}: use ${allow}`,
          requestId: req.id,
        },
      });
  });
}
