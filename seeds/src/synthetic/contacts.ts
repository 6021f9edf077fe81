import { CONTACT } from "./assumptions.js";
import type { BorrowerProfile, Channel } from "./borrowers.js";
import { localMs } from "./calendar.js";
import { type Rng, sigmoid } from "./rng.js";

export type Outcome =
  | "CONNECTED"
  | "NO_ANSWER"
  | "BUSY"
  | "VOICEMAIL"
  | "WRONG_NUMBER"
  | "DELIVERED"
  | "FAILED"
  | "PROMISE_TO_PAY"
  | "REFUSED_TO_PAY"
  | "DISPUTE_RAISED"
  | "CALLBACK_REQUESTED";

export interface Attempt {
  channel: Channel;
  direction: "OUTBOUND" | "INBOUND";
  outcome: Outcome;
  startedMs: number;
  /** Calls and visits only; messages have no duration. */
  durationSeconds: number | null;
  /** Made by the loan's agent (calls, visits) rather than by the automated messaging. */
  byAgent: boolean;
}

const STAGES = {
  early: CONTACT.early,
  middle: CONTACT.middle,
  late: CONTACT.late,
  recovery: CONTACT.recovery,
};

export function stageFor(dpd: number, chargedOff: boolean): keyof typeof STAGES {
  if (chargedOff) return "recovery";
  if (dpd < 15) return "early";
  if (dpd < 60) return "middle";
  return "late";
}

/** The borrower may be contacted at all (outbound): suppression flags stop collections. */
export function contactable(b: BorrowerProfile): boolean {
  return !(b.doNotContact || b.deceasedFlag || b.bankruptcyFlag || b.legalHold);
}

/** What a conversation ends in: a first conversation with a disputing borrower raises the dispute. */
export function conversationOutcome(rng: Rng, b: BorrowerProfile, disputeOpen: boolean): Outcome {
  if (b.disputeFlag && !disputeOpen) return "DISPUTE_RAISED";
  if (rng.chance(sigmoid(CONTACT.promiseIntercept + CONTACT.promiseRisk * b.risk))) return "PROMISE_TO_PAY";
  const u = rng.next();
  if (u < CONTACT.refuseShare) return "REFUSED_TO_PAY";
  if (u < CONTACT.refuseShare + CONTACT.callbackShare) return "CALLBACK_REQUESTED";
  return "CONNECTED";
}

function at(b: BorrowerProfile, day: number, fromMinute: number, toMinute: number, rng: Rng): number {
  return localMs(b.timeZone, day, rng.int(fromMinute, toMinute));
}

/**
 * The outbound attempts of one collection slot on `day` (the borrower's local calendar day), within local
 * contact hours, on the channels the borrower has not opted out of. Stops at the first conversation.
 */
export function outboundAttempts(
  rng: Rng,
  b: BorrowerProfile,
  dpd: number,
  chargedOff: boolean,
  day: number,
  disputeOpen: boolean,
): Attempt[] {
  const plan = STAGES[stageFor(dpd, chargedOff)];
  const attempts: Attempt[] = [];
  if (!b.optOuts.includes("SMS") && rng.chance(plan.SMS)) {
    const t = at(b, day, 10 * 60, 12 * 60, rng);
    const failed = b.badPhone || rng.chance(CONTACT.smsFailure);
    attempts.push(message("SMS", failed, t));
  }
  if (!b.optOuts.includes("EMAIL") && rng.chance(plan.EMAIL)) {
    const t = at(b, day, 8 * 60, 10 * 60, rng);
    attempts.push(message("EMAIL", rng.chance(CONTACT.emailFailure), t));
  }
  if (!b.optOuts.includes("CALL") && rng.chance(plan.CALL)) {
    let t = at(b, day, 12 * 60, 17 * 60, rng);
    for (let attempt = 0; attempt < 2; attempt++) {
      const call = placeCall(rng, b, t, disputeOpen);
      attempts.push(call);
      if (call.outcome === "WRONG_NUMBER" || isConversation(call.outcome)) return attempts;
      if (!rng.chance(CONTACT.secondAttemptRate)) break;
      t += rng.int(120, 180) * 60_000;
    }
  }
  if (rng.chance(plan.FIELD_VISIT)) {
    const t = at(b, day, 10 * 60, 17 * 60, rng);
    const met = rng.chance(0.3 + 0.5 * b.answerRate);
    const outcome = met ? conversationOutcome(rng, b, disputeOpen) : "NO_ANSWER";
    attempts.push({
      channel: "FIELD_VISIT",
      direction: "OUTBOUND",
      outcome,
      startedMs: t,
      durationSeconds: met ? rng.int(600, 2400) : rng.int(300, 900),
      byAgent: true,
    });
  }
  return attempts;
}

/** The borrower calls in (answered by the loan's agent): allowed even under do-not-contact. */
export function inboundCall(rng: Rng, b: BorrowerProfile, day: number, disputeOpen: boolean): Attempt {
  const t = at(b, day, 9 * 60, 19 * 60, rng);
  return {
    channel: "CALL",
    direction: "INBOUND",
    outcome: conversationOutcome(rng, b, disputeOpen),
    startedMs: t,
    durationSeconds: rng.int(90, 900),
    byAgent: true,
  };
}

export function isConversation(o: Outcome): boolean {
  return (
    o === "CONNECTED" ||
    o === "PROMISE_TO_PAY" ||
    o === "REFUSED_TO_PAY" ||
    o === "DISPUTE_RAISED" ||
    o === "CALLBACK_REQUESTED"
  );
}

function placeCall(rng: Rng, b: BorrowerProfile, t: number, disputeOpen: boolean): Attempt {
  const base = {
    channel: "CALL" as const,
    direction: "OUTBOUND" as const,
    startedMs: t,
  };
  if (b.badPhone)
    return { ...base, outcome: "WRONG_NUMBER", durationSeconds: rng.int(20, 90), byAgent: true };
  if (rng.chance(b.answerRate)) {
    const outcome = conversationOutcome(rng, b, disputeOpen);
    return { ...base, outcome, durationSeconds: rng.int(60, 720), byAgent: true };
  }
  const outcome = rng.weighted(CONTACT.unanswered);
  const durationSeconds =
    outcome === "BUSY" ? rng.int(3, 10) : outcome === "VOICEMAIL" ? rng.int(20, 45) : 30;
  return { ...base, outcome, durationSeconds, byAgent: true };
}

function message(channel: "SMS" | "EMAIL", failed: boolean, t: number): Attempt {
  return {
    channel,
    direction: "OUTBOUND",
    outcome: failed ? "FAILED" : "DELIVERED",
    startedMs: t,
    durationSeconds: null,
    byAgent: false,
  };
}
