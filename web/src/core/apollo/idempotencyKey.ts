/**
 * A fresh idempotency key. crypto.randomUUID exists only in secure contexts (HTTPS or localhost): a portal
 * served over plain HTTP on a LAN builds the same version-4 UUID from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Keys per logical request: the same input sent again (a retry after a failure) reuses its key, so the
 * server applies it at most once; a different input is a new request with a new key.
 */
export function createIdempotencyKeys(): (input: unknown) => string {
  let last: { input: string; key: string } | null = null;
  return (input) => {
    const text = JSON.stringify(input);
    if (last?.input !== text) last = { input: text, key: newIdempotencyKey() };
    return last.key;
  };
}
