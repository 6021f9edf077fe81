import { instantAtLocal, localParts, nextLocalDate } from "./local-time.js";

export type Channel = "CALL" | "SMS" | "EMAIL" | "PUSH" | "FIELD_VISIT" | "LETTER";

/** The contact rules of a policy (defaults follow common collection regulation, e.g. Regulation F). */
export interface ContactRules {
  maxCallAttemptsPer7Days: number;
  /** No call for this many days after a telephone conversation with the borrower. */
  noCallDaysAfterConversation: number;
  /** Local contact window, minutes after midnight: [start, end). */
  windowStartMinutes: number;
  windowEndMinutes: number;
  /** Local dates (YYYY-MM-DD) with no contact. */
  holidays: string[];
}

export const DEFAULT_CONTACT_RULES: ContactRules = {
  maxCallAttemptsPer7Days: 7,
  noCallDaysAfterConversation: 7,
  windowStartMinutes: 8 * 60,
  windowEndMinutes: 21 * 60,
  holidays: [],
};

export interface BorrowerContactProfile {
  timeZone: string;
  doNotContact: boolean;
  contactOptOuts: readonly Channel[];
  disputeFlag: boolean;
  bankruptcyFlag: boolean;
  deceasedFlag: boolean;
  legalHold: boolean;
  /**
   * Hours the borrower asked to be contacted in, local minutes after midnight [start, end). Optional so that
   * code building a profile without them (imports, /predict) keeps the policy's window alone.
   */
  preferredHours?: ContactHours | null;
}

/** A same-day window of local time, minutes after midnight: [startMinutes, endMinutes). */
export interface ContactHours {
  startMinutes: number;
  endMinutes: number;
}

/**
 * The window timed contacts must fall in: the policy's, narrowed to the borrower's preferred hours. A
 * preference never widens it (the policy's window is the regulation), and one that does not overlap it at
 * all cannot be honoured: the policy's window then applies alone, rather than no timed contact ever.
 */
export function effectiveContactHours(
  borrower: BorrowerContactProfile,
  rules: ContactRules,
): ContactHours & { narrowed: boolean } {
  const policy = { startMinutes: rules.windowStartMinutes, endMinutes: rules.windowEndMinutes };
  const pref = borrower.preferredHours;
  if (!pref) return { ...policy, narrowed: false };
  const startMinutes = Math.max(policy.startMinutes, pref.startMinutes);
  const endMinutes = Math.min(policy.endMinutes, pref.endMinutes);
  if (startMinutes >= endMinutes) return { ...policy, narrowed: false };
  return {
    startMinutes,
    endMinutes,
    narrowed: startMinutes !== policy.startMinutes || endMinutes !== policy.endMinutes,
  };
}

/** Past contacts with the borrower, across all of their loans. */
export interface PastContact {
  channel: Channel;
  direction: "OUTBOUND" | "INBOUND";
  outcome: string;
  at: Date;
}

/**
 * The contact rules, as stable codes that clients show and translate. The first six forbid contact until
 * someone changes the borrower's record (permanent); the others only delay it.
 */
export const CONTACT_RULES = [
  "DECEASED",
  "BANKRUPTCY",
  "LEGAL_HOLD",
  "DISPUTED",
  "DO_NOT_CONTACT",
  "CHANNEL_OPT_OUT",
  "CONVERSATION_COOLDOWN",
  "CALL_LIMIT",
  "OUTSIDE_CONTACT_HOURS",
  "HOLIDAY",
] as const;
export type ContactRule = (typeof CONTACT_RULES)[number];
/** A rule that refuses a contact; kept as its own name where the code reads "what blocked it". */
export type Blocker = ContactRule;

const PERMANENT: ReadonlySet<ContactRule> = new Set(CONTACT_RULES.slice(0, 6));

/** Whether a rule forbids contact until the borrower's record changes (as opposed to delaying it). */
export function isPermanentRule(rule: ContactRule): boolean {
  return PERMANENT.has(rule);
}

/** How many days of contact history `checkChannel` looks at under these rules (the call window, the cooldown). */
export function contactHistoryDays(rules: ContactRules): number {
  return Math.max(7, rules.noCallDaysAfterConversation) + 1;
}

/** A loan history's contact log in the shape the rules check. */
export function pastContacts(
  contacts: readonly {
    channel: Channel;
    direction: "OUTBOUND" | "INBOUND";
    outcome: string;
    startedAt: string;
  }[] = [],
): PastContact[] {
  return contacts.map((c) => ({
    channel: c.channel,
    direction: c.direction,
    outcome: c.outcome,
    at: new Date(c.startedAt),
  }));
}

export type ChannelVerdict =
  | { allowed: true; at: Date }
  | {
      allowed: false;
      reason: string;
      blockers: Blocker[];
      /** When it becomes allowed, if it ever does. */
      earliestAt: Date | null;
    };

const DAY_MS = 86_400_000;
const CONVERSATION = new Set([
  "CONNECTED",
  "PROMISE_TO_PAY",
  "REFUSED_TO_PAY",
  "DISPUTE_RAISED",
  "CALLBACK_REQUESTED",
]);
// Channels that reach the borrower at a moment in time: they respect the local contact window.
const TIMED: ReadonlySet<Channel> = new Set(["CALL", "SMS", "PUSH", "FIELD_VISIT"]);

/** The rule that forbids any collection contact with the borrower, and why in words, or null. */
export function contactBlock(b: BorrowerContactProfile): { rule: ContactRule; reason: string } | null {
  if (b.deceasedFlag) return { rule: "DECEASED", reason: "the borrower is deceased" };
  if (b.bankruptcyFlag) return { rule: "BANKRUPTCY", reason: "the borrower is in bankruptcy" };
  if (b.legalHold) return { rule: "LEGAL_HOLD", reason: "the account is under legal hold" };
  if (b.disputeFlag) return { rule: "DISPUTED", reason: "the debt is disputed" };
  if (b.doNotContact) return { rule: "DO_NOT_CONTACT", reason: "the borrower asked not to be contacted" };
  return null;
}

/** The first instant at or after `from` inside the local window and not on a holiday. */
function nextWindowOpening(from: Date, timeZone: string, hours: ContactHours, holidays: string[]): Date {
  let at = from;
  for (let i = 0; i < 400; i++) {
    const local = localParts(at, timeZone);
    const holiday = holidays.includes(local.date);
    if (!holiday && local.minutes >= hours.startMinutes && local.minutes < hours.endMinutes) return at;
    const day = !holiday && local.minutes < hours.startMinutes ? local.date : nextLocalDate(local.date);
    at = instantAtLocal(day, hours.startMinutes, timeZone);
  }
  throw new Error(`No contact window within 400 days for time zone ${timeZone}: check the holidays`);
}

/**
 * Whether `channel` may be used at `now`, and if not, why and from when. Checks, in order: the flags that
 * forbid any collection contact, the channel opt-out, the call limits (across all the borrower's loans), and
 * the local contact window and holidays.
 */
export function checkChannel(
  channel: Channel,
  now: Date,
  borrower: BorrowerContactProfile,
  history: readonly PastContact[],
  rules: ContactRules = DEFAULT_CONTACT_RULES,
): ChannelVerdict {
  const block = contactBlock(borrower);
  if (block)
    return {
      allowed: false,
      reason: `No collection contact: ${block.reason}`,
      blockers: [block.rule],
      earliestAt: null,
    };
  if (borrower.contactOptOuts.includes(channel)) {
    return {
      allowed: false,
      reason: `The borrower opted out of ${channel}`,
      blockers: ["CHANNEL_OPT_OUT"],
      earliestAt: null,
    };
  }
  let earliest = now;
  const reasons: string[] = [];
  const blockers: Blocker[] = [];
  if (channel === "CALL") {
    const lastConversation = history
      .filter((c) => c.channel === "CALL" && CONVERSATION.has(c.outcome) && c.at <= now)
      .reduce<Date | null>((m, c) => (m === null || c.at > m ? c.at : m), null);
    if (lastConversation) {
      const until = new Date(lastConversation.getTime() + rules.noCallDaysAfterConversation * DAY_MS);
      if (until > earliest) {
        earliest = until;
        blockers.push("CONVERSATION_COOLDOWN");
        reasons.push(
          `a conversation on ${lastConversation.toISOString().slice(0, 10)} rules out calls for ${rules.noCallDaysAfterConversation} days`,
        );
      }
    }
    // Any 7-day window may hold at most the limit: the call at `t` must leave the window (t - 7d, t] below it.
    const attempts = history
      .filter((c) => c.channel === "CALL" && c.direction === "OUTBOUND")
      .map((c) => c.at.getTime())
      .sort((a, b) => a - b);
    for (;;) {
      const t = earliest.getTime();
      const inWindow = attempts.filter((a) => a > t - 7 * DAY_MS && a <= t);
      if (inWindow.length < rules.maxCallAttemptsPer7Days) break;
      earliest = new Date(
        (inWindow[inWindow.length - rules.maxCallAttemptsPer7Days] as number) + 7 * DAY_MS + 1,
      );
      if (!blockers.includes("CALL_LIMIT")) {
        blockers.push("CALL_LIMIT");
        reasons.push(`already ${inWindow.length} call attempts in 7 days`);
      }
    }
  }
  if (TIMED.has(channel)) {
    const hours = effectiveContactHours(borrower, rules);
    const opening = nextWindowOpening(earliest, borrower.timeZone, hours, rules.holidays);
    if (opening > earliest) {
      const local = localParts(earliest, borrower.timeZone);
      const holiday = rules.holidays.includes(local.date);
      blockers.push(holiday ? "HOLIDAY" : "OUTSIDE_CONTACT_HOURS");
      reasons.push(
        holiday
          ? `${local.date} is a holiday`
          : hours.narrowed
            ? "outside the borrower's preferred contact hours (within the policy's) in their time zone"
            : "outside the contact hours in the borrower's time zone",
      );
      earliest = opening;
    }
  }
  return earliest.getTime() === now.getTime()
    ? { allowed: true, at: now }
    : {
        allowed: false,
        reason: `Not before ${earliest.toISOString()}: ${reasons.join("; ")}`,
        blockers,
        earliestAt: earliest,
      };
}

/**
 * A contact plan. `blockers` are the rules that refused or delayed the preferred channel (empty when it is
 * allowed now): with `at` and the notes, the verdict a recommendation keeps as data.
 */
export type ContactPlan =
  | { kind: "contact"; channel: Channel; at: Date; notes: string[]; blockers: ContactRule[] }
  | { kind: "manager"; reason: string; blockers: ContactRule[] };

/**
 * What to do with a recommended contact: the preferred channel now if allowed; if it is forbidden or
 * limited, an allowed fallback channel now; otherwise the earliest time any preferred channel opens; and
 * when no contact is allowed at all, a manager's review.
 */
export function planContact(
  preferred: readonly Channel[],
  now: Date,
  borrower: BorrowerContactProfile,
  history: readonly PastContact[],
  rules: ContactRules = DEFAULT_CONTACT_RULES,
): ContactPlan {
  const block = contactBlock(borrower);
  if (block)
    return {
      kind: "manager",
      reason: `No collection contact allowed: ${block.reason}`,
      blockers: [block.rule],
    };
  const verdicts = preferred.map((channel) => ({
    channel,
    v: checkChannel(channel, now, borrower, history, rules),
  }));
  const first = verdicts[0];
  if (!first) return { kind: "manager", reason: "The policy names no channel for this case", blockers: [] };
  if (first.v.allowed) return { kind: "contact", channel: first.channel, at: now, notes: [], blockers: [] };
  const firstBlockers = first.v.blockers;
  // Only outside the contact window is waiting better than switching channel: it is a scheduling matter.
  const onlyTiming =
    first.v.earliestAt !== null &&
    first.v.blockers.every((b) => b === "OUTSIDE_CONTACT_HOURS" || b === "HOLIDAY");
  if (!onlyTiming) {
    const fallback = verdicts.slice(1).find((x) => x.v.allowed);
    if (fallback)
      return {
        kind: "contact",
        channel: fallback.channel,
        at: now,
        notes: [`${first.channel} not now (${first.v.reason}); using ${fallback.channel}`],
        blockers: firstBlockers,
      };
  }
  const waits = verdicts.flatMap(({ channel, v }) =>
    !v.allowed && v.earliestAt ? [{ channel, at: v.earliestAt, reason: v.reason, blockers: v.blockers }] : [],
  );
  const soonest = onlyTiming
    ? waits.find((w) => w.channel === first.channel)
    : waits.sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (soonest)
    return {
      kind: "contact",
      channel: soonest.channel,
      at: soonest.at,
      notes: [soonest.reason],
      blockers: soonest.blockers,
    };
  return {
    kind: "manager",
    reason: `No allowed channel: ${verdicts.map((x) => (x.v.allowed ? "" : x.v.reason)).join("; ")}`,
    blockers: [...new Set(verdicts.flatMap((x) => (x.v.allowed ? [] : x.v.blockers)))],
  };
}
