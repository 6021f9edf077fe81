import { ValidateBy, type ValidationArguments } from "class-validator";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** How far a device clock may run ahead of the server's before a contact's start counts as in the future. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;
/** Contacts are logged as they happen, or soon after from a phone that was offline; older ones are imported. */
export const MAX_CONTACT_AGE_DAYS = 30;
/** A callback the borrower asks for is arranged within weeks, not months. */
export const MAX_CALLBACK_AHEAD_DAYS = 90;

// An instant needs its offset (Z or +hh:mm): without one, "10:00" would be read in the server's time zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The instant an ISO 8601 string with an offset names, or null. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== "string" || !INSTANT.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

const FORMAT_HINT = "an ISO 8601 instant with its offset, e.g. 2026-03-12T14:30:00Z";

/** A contact's start: an instant no later than now (plus clock skew) and no older than the logging horizon. */
export const IsContactStart = () =>
  ValidateBy({
    name: "isContactStart",
    validator: {
      validate: (value: unknown) => contactStartProblem(value, Date.now()) === null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} ${contactStartProblem(args?.value, Date.now()) ?? "invalid"}`,
    },
  });

export function contactStartProblem(value: unknown, now: number): string | null {
  const at = parseInstant(value);
  if (!at) return `must be ${FORMAT_HINT}`;
  if (at.getTime() > now + CLOCK_SKEW_MS)
    return "is in the future: give the time the contact began (check the device's clock)";
  if (at.getTime() < now - MAX_CONTACT_AGE_DAYS * DAY_MS)
    return `is more than ${MAX_CONTACT_AGE_DAYS} days ago: older contacts are imported, not logged`;
  return null;
}

const outcomeOf = (args?: ValidationArguments) =>
  (args?.object as { outcome?: unknown } | undefined)?.outcome;

/** A callback time: only with outcome CALLBACK_REQUESTED, required with it, in the future and within the horizon. */
export const IsCallbackTime = () =>
  ValidateBy({
    name: "isCallbackTime",
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        callbackProblem(value, outcomeOf(args), Date.now()) === null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} ${callbackProblem(args?.value, outcomeOf(args), Date.now()) ?? "invalid"}`,
    },
  });

// TypeGraphQL skips validators of fields left out of an input, so the callback time's presence is checked on
// the outcome, which is always there.
const callbackOf = (args?: ValidationArguments) =>
  (args?.object as { callbackAt?: unknown } | undefined)?.callbackAt;

/** An outcome that needs a callback time (CALLBACK_REQUESTED) comes with one. */
export const HasCallbackTimeIfNeeded = () =>
  ValidateBy({
    name: "hasCallbackTimeIfNeeded",
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value !== "CALLBACK_REQUESTED" || callbackOf(args) != null,
      defaultMessage: () =>
        "callbackAt is required with outcome CALLBACK_REQUESTED: when did the borrower ask to be called?",
    },
  });

export function callbackProblem(value: unknown, outcome: unknown, now: number): string | null {
  const requested = outcome === "CALLBACK_REQUESTED";
  if (value === undefined || value === null) {
    return requested
      ? "is required with outcome CALLBACK_REQUESTED: when did the borrower ask to be called?"
      : null;
  }
  if (!requested) return "goes only with outcome CALLBACK_REQUESTED: leave it out or change the outcome";
  const at = parseInstant(value);
  if (!at) return `must be ${FORMAT_HINT}`;
  if (at.getTime() <= now) return "must be in the future: the time the borrower asked to be called back";
  if (at.getTime() > now + MAX_CALLBACK_AHEAD_DAYS * DAY_MS)
    return `must be within ${MAX_CALLBACK_AHEAD_DAYS} days`;
  return null;
}

// "HH:MM" on a 24-hour clock; "24:00" only makes sense as the end of a window.
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes after midnight of an "HH:MM" local time, or null. */
export function clockMinutes(value: unknown): number | null {
  if (typeof value !== "string" || !CLOCK_TIME.test(value)) return null;
  const [h, m] = value.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** "HH:MM" for minutes after midnight. */
export function clockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export const IsClockTime = () =>
  ValidateBy({
    name: "isClockTime",
    validator: {
      validate: (value: unknown) => clockMinutes(value) !== null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} must be a local time as HH:MM on a 24-hour clock (00:00 to 24:00), got ${JSON.stringify(args?.value)}`,
    },
  });
