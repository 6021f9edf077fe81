import type { CommunicationChannel } from "../../generated/prisma/enums.js";

/** One message as it leaves the system: where to, and what it says. Nothing about the loan beyond that. */
export interface OutboundEnvelope {
  /** The message's id: also the idempotency key a provider can deduplicate retries with. */
  messageId: string;
  channel: CommunicationChannel;
  /** A phone number (SMS), an e-mail address (EMAIL) or the borrower's id (PUSH: the app maps it to devices). */
  to: string;
  template: string;
  subject: string | null;
  body: string;
}

export type DeliveryResult =
  | { delivered: true }
  | {
      delivered: false;
      /** True when trying again cannot help (the provider refused the request itself). */
      permanent: boolean;
      error: string;
    };

/** Delivers messages: an outbox file (the default), an HTTP webhook, or whatever a deployment plugs in. */
export interface MessageSender {
  readonly name: string;
  deliver(envelope: OutboundEnvelope): Promise<DeliveryResult>;
}
