import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { DeliveryResult, MessageSender, OutboundEnvelope } from "./message-sender.js";

/**
 * The default sender: appends each message as one JSON line to a file of its own (never the application
 * log, which is kept and shipped with other retention rules). A gateway process or a person can pick the
 * lines up; in development it shows what would have been sent. One append per line, so lines written by
 * several server processes do not interleave.
 */
export class OutboxFileSender implements MessageSender {
  readonly name = "outbox";
  private ready: Promise<unknown> | undefined;

  constructor(private readonly file: string) {}

  async deliver(envelope: OutboundEnvelope): Promise<DeliveryResult> {
    this.ready ??= mkdir(path.dirname(this.file), { recursive: true });
    try {
      await this.ready;
      await appendFile(this.file, `${JSON.stringify({ at: new Date().toISOString(), ...envelope })}\n`, {
        mode: 0o600,
      });
      return { delivered: true };
    } catch (err) {
      this.ready = undefined;
      // A full disk or a permission problem may pass: tried again later, as a network failure would be.
      return { delivered: false, permanent: false, error: `outbox ${this.file}: ${(err as Error).message}` };
    }
  }
}
