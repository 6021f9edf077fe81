import type { ActionType, CommunicationChannel } from "../../generated/prisma/enums.js";

/** What a reminder says, and no more: whom it greets, how much, and since (or by) when. */
export interface MessageFacts {
  /** The borrower's first name; null when the record has none. */
  firstName: string | null;
  amountCents: number;
  currency: string;
  /** YYYY-MM-DD: the oldest unpaid due date when something is overdue, else the next one. */
  dueDate: string;
  overdue: boolean;
}

export interface RenderedMessage {
  /** E-mail only. */
  subject: string | null;
  body: string;
}

export interface MessageTemplate {
  /** Stored on each message, so a changed text gets a new id and old messages still say which they used. */
  id: string;
  render(facts: MessageFacts): RenderedMessage;
}

/**
 * The reminder actions: those the system sends by itself (AUTOMATED_ACTIONS in modules/tasks/task-actions.ts;
 * a test keeps the two lists the same, so a new automated action cannot go without a template).
 */
export type ReminderAction = Extract<ActionType, "SMS_REMINDER" | "PUSH_REMINDER" | "EMAIL_REMINDER">;

function money(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(cents / 100);
  } catch {
    // A currency code Intl does not know: the figure and the code still say it.
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

function day(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

const greeting = (f: MessageFacts) => (f.firstName ? `Hi ${f.firstName}` : "Hello");

/** One sentence on the payment, for every channel. */
function paymentLine(f: MessageFacts): string {
  const amount = money(f.amountCents, f.currency);
  return f.overdue
    ? `your payment of ${amount} was due on ${day(f.dueDate)} and has not reached us yet`
    : `your next payment of ${amount} is due on ${day(f.dueDate)}`;
}

const TEMPLATES: Record<ReminderAction, MessageTemplate> = {
  SMS_REMINDER: {
    id: "sms-reminder.v1",
    render: (f) => ({
      subject: null,
      body: `${greeting(f)}, ${paymentLine(f)}. Please pay at your earliest convenience or reply to talk to us.`,
    }),
  },
  PUSH_REMINDER: {
    id: "push-reminder.v1",
    render: (f) => ({ subject: null, body: `${greeting(f)}, ${paymentLine(f)}. Tap to pay.` }),
  },
  EMAIL_REMINDER: {
    id: "email-reminder.v1",
    render: (f) => ({
      subject: f.overdue ? "Your loan payment is overdue" : "Your next loan payment",
      body: `${greeting(f)},\n\n${paymentLine(f).replace(/^y/, "Y")}. Please make the payment at your earliest convenience. If you cannot pay in full, reply to this e-mail or call us and we will look for an arrangement together.\n`,
    }),
  },
};

/** The channel each reminder goes by when its recommendation names none. */
const OWN_CHANNEL: Record<ReminderAction, CommunicationChannel> = {
  SMS_REMINDER: "SMS",
  PUSH_REMINDER: "PUSH",
  EMAIL_REMINDER: "EMAIL",
};

export const REMINDER_ACTIONS = Object.keys(TEMPLATES) as ReminderAction[];

export function isReminderAction(action: ActionType): action is ReminderAction {
  return (REMINDER_ACTIONS as ActionType[]).includes(action);
}

export function templateFor(action: ReminderAction): MessageTemplate {
  return TEMPLATES[action];
}

export function ownChannel(action: ReminderAction): CommunicationChannel {
  return OWN_CHANNEL[action];
}

/** A template by its stored id (a message renders with the template it was queued with). */
export function templateById(id: string): MessageTemplate | null {
  return Object.values(TEMPLATES).find((t) => t.id === id) ?? null;
}
