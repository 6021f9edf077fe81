import type { RouteOptions } from "fastify";
import { z } from "zod";

/** Every REST refusal's body (see the error handler in server.ts). */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, ..." }),
      message: z.string().meta({ description: "What was wrong and how to fix it" }),
      details: z.unknown().optional(),
      requestId: z.string().meta({ description: "Quote it to support: it names the request's log lines" }),
    }),
  })
  .meta({ description: "A refusal" });

const refusal = (description: string) => errorBody.meta({ description });

/**
 * The refusals a route can answer, added to its OpenAPI document from what the route is (public or not, with
 * a body, rate-limited, with a path id), so that the document lists every status the server answers. A route
 * declares its own successes and route-specific answers (404 of a missing loan, the 503 of /health).
 */
export function documentRefusals(route: RouteOptions): void {
  const config = (route.config ?? {}) as { public?: boolean; rateLimit?: unknown };
  const schema = (route.schema ?? {}) as Record<string, unknown> & {
    response?: Record<string, unknown>;
    hide?: boolean;
  };
  if (schema.hide || route.url.startsWith("/docs") || route.url === "/graphql") return;
  const methods = [route.method].flat();
  const withBody = methods.some((m) => m === "POST" || m === "PUT" || m === "PATCH");
  const answers: Record<string, unknown> = {
    400: refusal("The request is malformed: the message names each field that is wrong"),
    503: refusal("The database is unreachable: retry later (the session stays valid)"),
  };
  if (!config.public) {
    answers[401] = refusal("No valid bearer token or API key");
    answers[403] = refusal("The credentials do not allow this route (role or API key scope)");
  }
  if (withBody) {
    answers[413] = refusal("The body is larger than the server accepts (5 MB)");
    answers[415] = refusal("The body is not JSON: send Content-Type: application/json");
  }
  if (config.rateLimit)
    answers[429] = refusal("Too many requests: wait for the Retry-After header's seconds");
  const declared = Object.keys(schema.response ?? {});
  // A route that documents no success of its own still answers one.
  if (!declared.some((status) => status.startsWith("2")))
    answers[200] = z.unknown().meta({ description: "Success" });
  route.schema = {
    ...schema,
    // Public routes say so, or an OpenAPI client (and Schemathesis) takes them for an authentication hole.
    ...(config.public ? { security: [] } : {}),
    response: { ...answers, ...(schema.response ?? {}) },
  };
}

type Paths = Record<string, Record<string, { responses?: Record<string, object> } | undefined> | undefined>;

/** A 204 carries no body, so its documentation names no media type (a JSON content would promise one). */
export function withoutBodiesFor204<T extends object>(document: T): T {
  const paths = (document as { paths?: Paths }).paths ?? {};
  for (const operations of Object.values(paths))
    for (const operation of Object.values(operations ?? {})) {
      const noContent = operation?.responses?.["204"] as { content?: unknown } | undefined;
      if (noContent) delete noContent.content;
    }
  return document;
}
