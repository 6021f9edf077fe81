import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * A caller's own request id is kept when it is a short token of letters, digits, "-" and "_" (what a proxy or
 * a client library generates), so one id follows a call across systems. Anything else (long, or with
 * characters that could forge log lines or headers) is replaced by a fresh UUID.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const REQUEST_ID_HEADER = "x-request-id";

export function requestIdFor(headers: IncomingHttpHeaders): string {
  const incoming = headers[REQUEST_ID_HEADER];
  return typeof incoming === "string" && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
