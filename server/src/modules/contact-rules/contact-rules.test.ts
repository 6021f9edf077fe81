import { describe, expect, it } from "vitest";
import {
  type BorrowerContactProfile,
  checkChannel,
  DEFAULT_CONTACT_RULES,
  effectiveContactHours,
  type PastContact,
  planContact,
} from "./contact-rules.js";

const borrower = (over: Partial<BorrowerContactProfile> = {}): BorrowerContactProfile => ({
  timeZone: "America/New_York",
  doNotContact: false,
  contactOptOuts: [],
  disputeFlag: false,
  bankruptcyFlag: false,
  deceasedFlag: false,
  legalHold: false,
  ...over,
});
const at = (iso: string) => new Date(iso);
const call = (iso: string, outcome = "NO_ANSWER"): PastContact => ({
  channel: "CALL",
  direction: "OUTBOUND",
  outcome,
  at: at(iso),
});

describe("the contact window in the borrower's time zone", () => {
  // 2025-03-12 13:30 UTC is 09:30 in New York (EDT, UTC-4) and 06:30 in Los Angeles (PDT, UTC-7).
  const now = at("2025-03-12T13:30:00Z");

  it("allows a call at 09:30 local time", () => {
    expect(checkChannel("CALL", now, borrower(), [])).toEqual({ allowed: true, at: now });
  });

  it("holds a call at 06:30 local time until 08:00 there", () => {
    const v = checkChannel("CALL", now, borrower({ timeZone: "America/Los_Angeles" }), []);
    expect(v).toMatchObject({
      allowed: false,
      blockers: ["OUTSIDE_CONTACT_HOURS"],
      earliestAt: at("2025-03-12T15:00:00Z"),
    });
  });

  it("moves a contact after 21:00 local to 08:00 the next day, across a DST change", () => {
    // 2025-03-09 02:00 New York jumps to EDT; 2025-03-08 21:30 EST = 2025-03-09 02:30 UTC.
    const v = checkChannel("SMS", at("2025-03-09T02:30:00Z"), borrower(), []);
    expect(v).toMatchObject({ allowed: false, earliestAt: at("2025-03-09T12:00:00Z") }); // 08:00 EDT
  });

  it("skips configured holidays in local dates", () => {
    const rules = { ...DEFAULT_CONTACT_RULES, holidays: ["2025-03-12", "2025-03-13"] };
    const v = checkChannel("CALL", now, borrower(), [], rules);
    expect(v).toMatchObject({
      allowed: false,
      blockers: ["HOLIDAY"],
      earliestAt: at("2025-03-14T12:00:00Z"),
    });
  });

  it("does not time-limit letters and e-mail", () => {
    expect(checkChannel("EMAIL", at("2025-03-12T03:00:00Z"), borrower(), [])).toMatchObject({
      allowed: true,
    });
  });
});

describe("the borrower's preferred contact hours", () => {
  // 2025-03-12 in New York (EDT, UTC-4): 08:00 local is 12:00 UTC, 21:00 local is 01:00 UTC the next day.
  const evenings = { startMinutes: 18 * 60, endMinutes: 23 * 60 };

  it("narrows the policy's window: a call at 09:30 local waits for the preferred 18:00", () => {
    const v = checkChannel("CALL", at("2025-03-12T13:30:00Z"), borrower({ preferredHours: evenings }), []);
    expect(v).toMatchObject({
      allowed: false,
      blockers: ["OUTSIDE_CONTACT_HOURS"],
      earliestAt: at("2025-03-12T22:00:00Z"),
    });
    if (!v.allowed) expect(v.reason).toContain("preferred contact hours");
  });

  it("never widens it: 22:00 local is preferred but past the policy's 21:00, so it waits for 18:00 the next day", () => {
    const v = checkChannel("SMS", at("2025-03-13T02:00:00Z"), borrower({ preferredHours: evenings }), []);
    expect(v).toMatchObject({ allowed: false, earliestAt: at("2025-03-13T22:00:00Z") });
  });

  it("allows a contact inside both windows", () => {
    const now = at("2025-03-12T23:00:00Z"); // 19:00 local
    expect(checkChannel("CALL", now, borrower({ preferredHours: evenings }), [])).toEqual({
      allowed: true,
      at: now,
    });
  });

  it("does not time e-mail and letters, preferred hours or not", () => {
    const b = borrower({ preferredHours: evenings });
    expect(checkChannel("EMAIL", at("2025-03-12T13:30:00Z"), b, [])).toMatchObject({ allowed: true });
  });

  it("keeps the policy's window when the preference does not overlap it at all", () => {
    const early = { startMinutes: 5 * 60, endMinutes: 7 * 60 };
    expect(effectiveContactHours(borrower({ preferredHours: early }), DEFAULT_CONTACT_RULES)).toEqual({
      startMinutes: 8 * 60,
      endMinutes: 21 * 60,
      narrowed: false,
    });
    const now = at("2025-03-12T13:30:00Z"); // 09:30 local: inside the policy's window
    expect(checkChannel("CALL", now, borrower({ preferredHours: early }), [])).toEqual({
      allowed: true,
      at: now,
    });
  });

  it("waits for the later of the cool-down and the preferred hours", () => {
    // The 7 days after a conversation end at 15:00 UTC (11:00 local): the evening window opens at 18:00.
    const v = checkChannel("CALL", at("2025-03-12T14:00:00Z"), borrower({ preferredHours: evenings }), [
      call("2025-03-10T15:00:00Z", "CONNECTED"),
    ]);
    expect(v).toMatchObject({
      allowed: false,
      blockers: ["CONVERSATION_COOLDOWN", "OUTSIDE_CONTACT_HOURS"],
      earliestAt: at("2025-03-17T22:00:00Z"),
    });
  });
});

describe("call limits across all the borrower's loans", () => {
  const now = at("2025-03-12T14:00:00Z");
  // Seven attempts in the last 7 days (on different loans of the same borrower: the history is per borrower).
  const seven = [
    "03-06T14:30",
    "03-07T14:00",
    "03-08T14:00",
    "03-09T14:00",
    "03-10T14:00",
    "03-11T14:00",
    "03-12T13:00",
  ].map((d) => call(`2025-${d}:00Z`));

  it("allows the seventh attempt but not an eighth within 7 days", () => {
    expect(checkChannel("CALL", now, borrower(), seven.slice(1))).toMatchObject({ allowed: true });
    const v = checkChannel("CALL", now, borrower(), seven);
    // The oldest attempt (Mar 6 14:30) leaves the 7-day window just after Mar 13 14:30.
    expect(v).toMatchObject({ allowed: false, blockers: ["CALL_LIMIT"] });
    if (!v.allowed) expect(v.earliestAt?.toISOString()).toBe("2025-03-13T14:30:00.001Z");
  });

  it("allows no call for 7 days after a conversation", () => {
    const v = checkChannel("CALL", now, borrower(), [call("2025-03-10T15:00:00Z", "CONNECTED")]);
    expect(v).toMatchObject({
      allowed: false,
      blockers: ["CONVERSATION_COOLDOWN"],
      earliestAt: at("2025-03-17T15:00:00Z"),
    });
    // Other channels are not limited by it.
    expect(checkChannel("SMS", now, borrower(), [call("2025-03-10T15:00:00Z", "CONNECTED")])).toMatchObject({
      allowed: true,
    });
  });
});

describe("suppression flags and opt-outs", () => {
  const now = at("2025-03-12T14:00:00Z");

  it.each([
    ["doNotContact", "asked not to be contacted", "DO_NOT_CONTACT"],
    ["disputeFlag", "disputed", "DISPUTED"],
    ["bankruptcyFlag", "bankruptcy", "BANKRUPTCY"],
    ["deceasedFlag", "deceased", "DECEASED"],
    ["legalHold", "legal hold", "LEGAL_HOLD"],
  ] as const)("%s forbids every channel and routes the case to a manager", (flag, words, rule) => {
    const b = borrower({ [flag]: true });
    for (const channel of ["CALL", "SMS", "EMAIL", "FIELD_VISIT", "LETTER"] as const) {
      expect(checkChannel(channel, now, b, [])).toMatchObject({
        allowed: false,
        blockers: [rule],
        earliestAt: null,
      });
    }
    const plan = planContact(["CALL", "SMS"], now, b, []);
    expect(plan.kind).toBe("manager");
    if (plan.kind === "manager") expect(plan.reason).toContain(words);
  });

  it("respects a channel opt-out and falls back to the next allowed channel", () => {
    const b = borrower({ contactOptOuts: ["SMS"] });
    expect(checkChannel("SMS", now, b, [])).toMatchObject({ allowed: false, blockers: ["CHANNEL_OPT_OUT"] });
    expect(planContact(["SMS", "EMAIL"], now, b, [])).toMatchObject({ kind: "contact", channel: "EMAIL" });
  });
});

describe("planContact", () => {
  it("falls back to another channel when calls are used up", () => {
    const history = Array.from({ length: 7 }, (_, i) =>
      call(`2025-03-${String(6 + i).padStart(2, "0")}T15:00:00Z`),
    );
    const plan = planContact(["CALL", "SMS"], at("2025-03-12T16:00:00Z"), borrower(), history);
    expect(plan).toMatchObject({ kind: "contact", channel: "SMS" });
  });

  it("keeps the preferred channel and schedules it when only the hour is wrong", () => {
    const plan = planContact(["CALL", "SMS"], at("2025-03-12T03:00:00Z"), borrower(), []);
    expect(plan).toEqual({
      kind: "contact",
      channel: "CALL",
      at: at("2025-03-12T12:00:00Z"),
      notes: [expect.stringContaining("contact hours")],
      blockers: ["OUTSIDE_CONTACT_HOURS"],
    });
  });

  it("carries the earliest allowed time when no channel is allowed now", () => {
    const b = borrower({ contactOptOuts: ["SMS"] });
    const plan = planContact(["CALL", "SMS"], at("2025-03-12T14:00:00Z"), b, [
      call("2025-03-11T15:00:00Z", "CONNECTED"),
    ]);
    expect(plan).toMatchObject({
      kind: "contact",
      channel: "CALL",
      at: at("2025-03-18T15:00:00Z"),
      blockers: ["CONVERSATION_COOLDOWN"],
    });
  });
});
