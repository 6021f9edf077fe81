import { browserTimeZone } from "../../core/format/instants";
import { instantToWallTime, wallTimeToInstant } from "../../core/format/zonedTime";
import type { CommunicationChannel, CommunicationDirection, CommunicationOutcome } from "../../gql/graphql";

// The API's bounds on a logged contact (server/src/modules/contacts/contact.validation.ts and contact.inputs.ts),
// checked here first so the agent hears of a mistake before the round trip.
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;
export const MAX_CONTACT_AGE_DAYS = 30;
export const MAX_CALLBACK_AHEAD_DAYS = 90;
export const MAX_DURATION_MINUTES = 480;
export const MAX_NOTES = 2000;

/** Channels whose contacts last a while (a message has no duration). */
export const TIMED_CHANNELS: ReadonlySet<CommunicationChannel> = new Set(["CALL", "FIELD_VISIT"]);

export interface ContactFormValues {
  channel: CommunicationChannel;
  direction: CommunicationDirection;
  outcome: CommunicationOutcome | "";
  /** datetime-local, the browser's time. */
  startedAt: string;
  durationMinutes: string;
  /** datetime-local, the borrower's time. */
  callbackAt: string;
  notes: string;
}

export type ContactFormField = "outcome" | "startedAt" | "durationMinutes" | "callbackAt" | "notes";
export type ContactFormErrors = Partial<Record<ContactFormField, string>>;

export interface ContactRequest {
  channel: CommunicationChannel;
  direction: CommunicationDirection;
  outcome: CommunicationOutcome;
  startedAt: string;
  durationSeconds: number;
  callbackAt: string | null;
  notes: string | null;
}

/** Now, to the minute, in the browser's time: the start a datetime-local input shows by default. */
export function nowAsWallTime(now = new Date()): string {
  return instantToWallTime(now, browserTimeZone()) ?? now.toISOString().slice(0, 16);
}

/** The request the form's values make, or what is wrong with them, field by field. */
export function contactRequest(
  values: ContactFormValues,
  borrowerTimeZone: string,
  now = Date.now(),
): { request: ContactRequest } | { errors: ContactFormErrors } {
  const errors: ContactFormErrors = {};
  if (values.outcome === "") errors.outcome = "Choose what came of the contact.";

  const started = wallTimeToInstant(values.startedAt, browserTimeZone());
  if (started === null) errors.startedAt = "Give the date and time the contact began.";
  else if (started.getTime() > now + CLOCK_SKEW_MS)
    errors.startedAt = "That is in the future: give the time the contact began.";
  else if (started.getTime() < now - MAX_CONTACT_AGE_DAYS * DAY_MS)
    errors.startedAt = `That is more than ${MAX_CONTACT_AGE_DAYS} days ago: older contacts are imported, not logged.`;

  const timed = TIMED_CHANNELS.has(values.channel);
  const minutes = timed && values.durationMinutes.trim() !== "" ? Number(values.durationMinutes) : 0;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_DURATION_MINUTES)
    errors.durationMinutes = `Give whole minutes from 0 to ${MAX_DURATION_MINUTES}.`;

  let callbackAt: string | null = null;
  if (values.outcome === "CALLBACK_REQUESTED") {
    const at = wallTimeToInstant(values.callbackAt, borrowerTimeZone);
    if (at === null) errors.callbackAt = "Give the date and time the borrower asked to be called back.";
    else if (at.getTime() <= now) errors.callbackAt = "The callback time must be in the future.";
    else if (at.getTime() > now + MAX_CALLBACK_AHEAD_DAYS * DAY_MS)
      errors.callbackAt = `Arrange the callback within ${MAX_CALLBACK_AHEAD_DAYS} days.`;
    else callbackAt = at.toISOString();
  }

  const notes = values.notes.trim();
  if (notes.length > MAX_NOTES)
    errors.notes = `Keep the notes to ${MAX_NOTES} characters (now ${notes.length}).`;

  if (Object.keys(errors).length > 0 || values.outcome === "" || started === null) return { errors };
  return {
    request: {
      channel: values.channel,
      direction: values.direction,
      outcome: values.outcome,
      startedAt: started.toISOString(),
      durationSeconds: minutes * 60,
      callbackAt,
      notes: notes === "" ? null : notes,
    },
  };
}
