import { createHmac } from "node:crypto";
import type { DeliveryResult, MessageSender, OutboundEnvelope } from "./message-sender.js";

export interface WebhookSenderOptions {
  url: string;
  /** Shared with the receiver, which recomputes the signature to know the call is ours and unaltered. */
  secret: string;
  timeoutMs: number;
  /** Further tries after a 5xx, a 429, a timeout or a network error. */
  retries: number;
  /** The first wait between tries; it doubles each time. */
  backoffMs?: number;
}

export const SIGNATURE_HEADER = "x-creditpath-signature";
export const TIMESTAMP_HEADER = "x-creditpath-timestamp";

/**
 * The HMAC-SHA256 of `<timestamp>.<body>` with the shared secret, hex: the receiver checks it over the raw
 * body, and the timestamp lets it refuse old requests replayed later.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

type Attempt = { done: true; result: DeliveryResult } | { done: false; error: string };

/**
 * Posts each message as JSON to an HTTP endpoint (an SMS or e-mail gateway of the lender's). A 2xx is
 * delivered; another 4xx is a permanent failure (the request itself is wrong: retrying cannot help); a 5xx,
 * a 429, a timeout or a network error is tried again with exponential backoff, then reported as temporary.
 */
export class WebhookSender implements MessageSender {
  readonly name = "webhook";

  constructor(private readonly options: WebhookSenderOptions) {}

  async deliver(envelope: OutboundEnvelope): Promise<DeliveryResult> {
    const body = JSON.stringify(envelope);
    const backoff = this.options.backoffMs ?? 500;
    let last = "";
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
      const outcome = await this.post(envelope.messageId, body);
      if (outcome.done) return outcome.result;
      last = outcome.error;
    }
    return {
      delivered: false,
      permanent: false,
      error: `${last} (after ${this.options.retries + 1} tries)`,
    };
  }

  private async post(messageId: string, body: string): Promise<Attempt> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const res = await fetch(this.options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": messageId,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: webhookSignature(this.options.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: "error",
      });
      // The body is not needed, but must be consumed for the connection to be reused.
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { done: true, result: { delivered: true } };
      const error = `webhook answered ${res.status} ${res.statusText}`.trim();
      if (res.status >= 500 || res.status === 429) return { done: false, error };
      return { done: true, result: { delivered: false, permanent: true, error } };
    } catch (err) {
      const e = err as Error;
      const why = e.name === "TimeoutError" ? `no answer within ${this.options.timeoutMs} ms` : e.message;
      return { done: false, error: `webhook unreachable: ${why}` };
    }
  }
}
