import type { CommunicationChannel, OutboundCancelReason } from "../../generated/prisma/enums.js";
import {
  type ContactRule,
  checkChannel,
  isPermanentRule,
  pastContacts,
} from "../contact-rules/contact-rules.js";
import type { LoanHistoryRepository } from "../features/loan-history.repository.js";
import type { Policy } from "../recommendations/policy.js";
import { dueFigures } from "./due-figures.js";
import type { MessageSender, OutboundEnvelope } from "./message-sender.js";
import { templateById } from "./message-templates.js";
import type { ClaimedMessage, OutboundMessageRepository } from "./outbound-message.repository.js";

/** Deliveries that failed for now are tried again this many times in all, further apart each time. */
export const MAX_DELIVERY_ATTEMPTS = 5;
const RETRY_BASE_MS = 5 * 60_000;

export type SendOutcome =
  | { kind: "skipped" }
  | { kind: "sent"; communicationId: string }
  | { kind: "failed"; communicationId: string; error: string }
  | { kind: "retrying"; at: Date; error: string }
  | { kind: "rescheduled"; at: Date; rule: ContactRule }
  | { kind: "cancelled"; reason: OutboundCancelReason; rule: ContactRule | null };

type Prepared = OutboundEnvelope | Exclude<SendOutcome, { kind: "sent" | "failed" | "retrying" }>;

export interface OutboundDeliveryDeps {
  repo: OutboundMessageRepository;
  histories: LoanHistoryRepository;
  policies: { active(): Promise<Policy> };
  sender: MessageSender;
  /** Asks for the message to be sent again at `at` (a job that starts then). */
  wakeAt: (messageId: string, at: Date) => Promise<void>;
}

/** Where a message on this channel goes, from the borrower's record. */
function address(
  channel: CommunicationChannel,
  borrowerId: string,
  r: { phone: string | null; email: string | null },
): string | null {
  if (channel === "SMS") return r.phone?.trim() || null;
  if (channel === "EMAIL") return r.email?.trim() || null;
  return channel === "PUSH" ? borrowerId : null;
}

/**
 * Sends one queued message, once: claims it (only one worker of however many succeeds), checks the contact
 * rules as they stand now (the active policy's rules and the borrower's whole contact history), renders its
 * template with the figures of the moment, delivers it and records the Communication.
 */
export class OutboundDelivery {
  constructor(private readonly deps: OutboundDeliveryDeps) {}

  async send(messageId: string, now = new Date()): Promise<SendOutcome> {
    const { repo } = this.deps;
    const m = await repo.claim(messageId, now);
    if (!m) return { kind: "skipped" };
    let prepared: Prepared;
    try {
      prepared = await this.prepare(m, now);
    } catch (err) {
      // Nothing went out (a read failed): back to the queue for a later try.
      const at = new Date(now.getTime() + 60_000);
      const error = `could not prepare the message: ${(err as Error).message}`;
      await repo.requeue(m.id, at, error);
      await this.deps.wakeAt(m.id, at);
      return { kind: "retrying", at, error };
    }
    if ("kind" in prepared) return prepared;
    // From here on it may have gone out: a failure leaves it SENDING, and the sweep fails it rather than
    // sending it twice (failInterrupted).
    const result = await this.deps.sender.deliver(prepared);
    return this.settle(m, now, prepared.body, result);
  }

  /** The message ready to deliver, or what the contact rules or the loan's state decided instead. */
  private async prepare(m: ClaimedMessage, now: Date): Promise<Prepared> {
    const { repo } = this.deps;
    if (!m.recommendationActive) {
      return this.cancel(m, "RECOMMENDATION_CHANGED", null, "the loan's recommendation changed");
    }
    const [history, recipient, policy] = await Promise.all([
      this.deps.histories.findOne(m.loanId),
      repo.recipient(m.loanId),
      this.deps.policies.active(),
    ]);
    if (!history || !recipient) return this.cancel(m, "NOTHING_DUE", null, "the loan no longer exists");
    const verdict = checkChannel(
      m.channel,
      now,
      history.contact,
      pastContacts(history.history.contacts),
      policy.contactRules,
    );
    if (!verdict.allowed) {
      const rule = verdict.blockers[0] as ContactRule;
      if (verdict.earliestAt === null || isPermanentRule(rule)) {
        return this.cancel(m, "CONTACT_RULE", rule, verdict.reason);
      }
      await repo.requeue(m.id, verdict.earliestAt, verdict.reason, { rule });
      await this.deps.wakeAt(m.id, verdict.earliestAt);
      return { kind: "rescheduled", at: verdict.earliestAt, rule };
    }
    const due = dueFigures(history.history);
    if (!due) return this.cancel(m, "NOTHING_DUE", null, "nothing is due on the loan");
    const to = address(m.channel, m.borrowerId, recipient);
    if (!to) return this.cancel(m, "NO_ADDRESS", null, `the borrower has no address for ${m.channel}`);
    const template = templateById(m.template);
    if (!template) throw new Error(`unknown template ${m.template}: it was removed while messages used it`);
    const firstName = recipient.fullName?.trim().split(/\s+/)[0] || null;
    const text = template.render({ firstName, currency: recipient.currency, ...due });
    return { messageId: m.id, channel: m.channel, to, template: m.template, ...text };
  }

  private async settle(
    m: ClaimedMessage,
    now: Date,
    body: string,
    result: Awaited<ReturnType<MessageSender["deliver"]>>,
  ): Promise<SendOutcome> {
    if (result.delivered) {
      return { kind: "sent", communicationId: await this.deps.repo.recordDelivery(m, now, body, result) };
    }
    if (!result.permanent && m.attempts + 1 < MAX_DELIVERY_ATTEMPTS) {
      const at = new Date(now.getTime() + RETRY_BASE_MS * 2 ** m.attempts);
      await this.deps.repo.requeue(m.id, at, result.error, { attempted: true });
      await this.deps.wakeAt(m.id, at);
      return { kind: "retrying", at, error: result.error };
    }
    const communicationId = await this.deps.repo.recordDelivery(m, now, body, result);
    return { kind: "failed", communicationId, error: result.error };
  }

  private async cancel(
    m: ClaimedMessage,
    reason: OutboundCancelReason,
    rule: ContactRule | null,
    why: string,
  ): Promise<Extract<SendOutcome, { kind: "cancelled" }>> {
    await this.deps.repo.cancel(m.id, reason, rule, why);
    return { kind: "cancelled", reason, rule };
  }
}
