import { useRef } from "react";
import { newIdempotencyKey } from "../../../core/apollo/idempotencyKey";

/**
 * One idempotency key per logical request: the same key while a failed submission is retried with the same
 * values (the API then applies it at most once), a new one when the values change or after a success.
 */
export function useIdempotencyKey() {
  const attempt = useRef<{ request: string; key: string } | null>(null);
  return {
    keyFor(values: unknown): string {
      const request = JSON.stringify(values);
      if (attempt.current?.request !== request) attempt.current = { request, key: newIdempotencyKey() };
      return attempt.current.key;
    },
    succeeded(): void {
      attempt.current = null;
    },
  };
}
