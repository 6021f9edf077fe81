import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * Helmet's headers on every answer. Its default content policy (the server's own files only) suits the API
 * docs (/docs: Swagger UI loads its scripts and styles from its own files, none inline), but for
 * `upgrade-insecure-requests`: the server is also reached over plain HTTP (the demo, a proxy that ends TLS in
 * front of it), where upgrading would break the docs' requests. Registered before the other request hooks,
 * so that a refused answer (401, 429) carries the headers too.
 */
export function registerSecurityHeaders(app: FastifyInstance) {
  return app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
}

/**
 * For /graphql. The one page served there, Apollo's landing page, brings its own policy (a meta tag with a
 * fresh nonce for its inline scripts, and its CDN's address), which a header policy would be enforced beside
 * and block; the JSON answers need none. The other headers stay.
 */
export const GRAPHQL_SECURITY_HEADERS = { contentSecurityPolicy: false } as const;
