import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { ActionType } from "../../generated/prisma/enums.js";
import { DEFAULT_CONTACT_RULES } from "../contact-rules/contact-rules.js";
import { contactNow, taskChannel } from "./contact-now.js";

describe("taskChannel", () => {
  it("takes the recommendation's channel when it recommends the task's own action", () => {
    expect(taskChannel("PAYMENT_PLAN", { actionType: "PAYMENT_PLAN", channel: "EMAIL" })).toBe("EMAIL");
  });

  it("falls back on the action's channel when the recommendation is for something else or names none", () => {
    expect(taskChannel("FIELD_VISIT", { actionType: "CALL", channel: "SMS" })).toBe("FIELD_VISIT");
    expect(taskChannel("SETTLEMENT_OFFER", { actionType: "SETTLEMENT_OFFER", channel: null })).toBe("CALL");
    expect(taskChannel("CALL", null)).toBe("CALL");
  });

  it("has no channel for an escalation, and one for every other action", () => {
    expect(taskChannel("ESCALATE_TO_RECOVERY_MANAGER", null)).toBeNull();
    for (const action of Object.values(ActionType).filter((a) => a !== "ESCALATE_TO_RECOVERY_MANAGER")) {
      expect(taskChannel(action, null), action).not.toBeNull();
    }
  });
});

describe("contactNow", () => {
  const borrower = {
    timeZone: "Europe/Paris",
    doNotContact: false,
    contactOptOuts: [],
    disputeFlag: false,
    bankruptcyFlag: false,
    deceasedFlag: false,
    legalHold: false,
  };

  it("gives the next opening of the contact hours in the borrower's zone when it is too late there", () => {
    // 22:30 in Paris (UTC+1 in December): calls open again at 08:00 local, 07:00 UTC.
    const verdict = contactNow("CALL", new Date("2026-12-01T21:30:00Z"), borrower, [], DEFAULT_CONTACT_RULES);
    expect(verdict).toMatchObject({
      allowed: false,
      rule: "OUTSIDE_CONTACT_HOURS",
      nextAllowedAt: "2026-12-02T07:00:00.000Z",
      permanent: false,
      borrowerTimeZone: "Europe/Paris",
    });
  });

  it("refuses an opted-out channel for good", () => {
    const verdict = contactNow(
      "SMS",
      new Date("2026-12-01T12:00:00Z"),
      { ...borrower, contactOptOuts: ["SMS"] },
      [],
      DEFAULT_CONTACT_RULES,
    );
    expect(verdict).toMatchObject({
      allowed: false,
      rule: "CHANNEL_OPT_OUT",
      nextAllowedAt: null,
      permanent: true,
    });
  });
});
