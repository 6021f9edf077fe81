import type { Config } from "../../core/config/config.js";
import type { MessageSender } from "./message-sender.js";
import { OutboxFileSender } from "./outbox-file.sender.js";
import { WebhookSender } from "./webhook.sender.js";

/** The sender the configuration names (MESSAGING_SENDER): the outbox file by default, or the webhook. */
export function createMessageSender(messaging: Config["messaging"]): MessageSender {
  if (messaging.sender === "webhook") {
    const { url, secret, timeoutMs, retries } = messaging.webhook;
    // The configuration refuses to load without both; this guards a hand-built config.
    if (!url || !secret)
      throw new Error(
        "MESSAGING_WEBHOOK_URL and MESSAGING_WEBHOOK_SECRET must be set for the webhook sender",
      );
    return new WebhookSender({ url, secret, timeoutMs, retries });
  }
  return new OutboxFileSender(messaging.outboxPath);
}
