import { useRef } from "react";
import { createIdempotencyKeys } from "./idempotencyKey";

/**
 * One idempotency key per logical request for a form: the same key while a failed submission is retried with
 * the same values (the API then applies it at most once), a new one when the values change or after a success.
 */
export function useIdempotencyKey() {
  const keys = useRef(createIdempotencyKeys());
  return {
    keyFor: (values: unknown): string => keys.current(values),
    succeeded(): void {
      // A success closes the request: the same values sent again are a new request.
      keys.current = createIdempotencyKeys();
    },
  };
}
