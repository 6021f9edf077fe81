import { normalizeIP } from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";

/**
 * Who a per-client limit counts a request against. `req.ip` is the socket's peer unless a trusted proxy
 * (TRUSTED_PROXIES) sent the request, whose X-Forwarded-For then names the client: a forged header from
 * anyone else changes nothing. An IPv6 client holds a whole /64 (it can pick any of its addresses), so all
 * of it counts as one, as with the rate-limit plugin's own key.
 */
export function clientAddress(req: FastifyRequest): string {
  return normalizeIP(req.ip);
}
