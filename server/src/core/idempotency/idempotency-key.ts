import { createHash } from "node:crypto";
import { Matches } from "class-validator";

/** A client's key for one logical request: a UUID per attempt series is ideal; any 8-128 safe characters do. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export const IDEMPOTENCY_KEY_DESCRIPTION =
  "Chosen by the client once per logical request and sent again on every retry of it (a UUID is ideal): " +
  "a retry within 24 hours returns the first call's result without applying it again";

/** class-validator rule for an `idempotencyKey` field of an input or arguments class. */
export const IsIdempotencyKey = () =>
  Matches(IDEMPOTENCY_KEY_PATTERN, {
    message:
      "idempotencyKey must be 8 to 128 letters, digits or . _ : - (generate a UUID once per request, reuse it on retries)",
  });

/** JSON with object keys sorted, so that the same input always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What "the same request" means: the operation and its input (without the key), hashed. */
export function requestHash(operation: string, input: unknown): string {
  return createHash("sha256").update(canonicalJson({ operation, input })).digest("hex");
}
