import { describe, expect, it } from "vitest";
import { AUTOMATED_ACTIONS } from "../tasks/task-actions.js";
import { dueFigures } from "./due-figures.js";
import { ownChannel, REMINDER_ACTIONS, templateFor } from "./message-templates.js";

describe("reminder templates", () => {
  it("cover exactly the automated actions, each with its own channel", () => {
    expect([...REMINDER_ACTIONS].sort()).toEqual([...AUTOMATED_ACTIONS].sort());
    expect(REMINDER_ACTIONS.map(ownChannel)).toEqual(["SMS", "PUSH", "EMAIL"]);
  });

  it("say the name, the amount and the date, and nothing more", () => {
    const facts = {
      firstName: "Ada",
      amountCents: 35_050,
      currency: "EUR",
      dueDate: "2025-05-31",
      overdue: true,
    };
    expect(templateFor("SMS_REMINDER").render(facts)).toEqual({
      subject: null,
      body: "Hi Ada, your payment of €350.50 was due on 31 May 2025 and has not reached us yet. Please pay at your earliest convenience or reply to talk to us.",
    });
    const email = templateFor("EMAIL_REMINDER").render({ ...facts, firstName: null, overdue: false });
    expect(email.subject).toBe("Your next loan payment");
    expect(email.body).toMatch(/^Hello,\n\nYour next payment of €350\.50 is due on 31 May 2025\./);
    expect(templateFor("PUSH_REMINDER").render(facts).body).toBe(
      "Hi Ada, your payment of €350.50 was due on 31 May 2025 and has not reached us yet. Tap to pay.",
    );
  });
});

describe("what a reminder is about", () => {
  const schedule = [
    { sequence: 1, dueDate: "2025-04-30", amountDue: "350.00" },
    { sequence: 2, dueDate: "2025-05-31", amountDue: "350.00" },
    { sequence: 3, dueDate: "2025-06-30", amountDue: "350.00" },
    { sequence: 4, dueDate: "2025-07-31", amountDue: "350.00" },
  ];
  const pay = (amount: string, paidAt: string) => ({ key: paidAt, type: "PAYMENT" as const, amount, paidAt });

  it("is the amount past due since the oldest unpaid date, payments taken oldest first", () => {
    const payments = [pay("500.00", "2025-04-29T10:00:00Z")];
    // 200 of May is left; June's instalment falls due on the as-of day itself and is not late yet.
    expect(dueFigures({ schedule, payments, asOfDate: "2025-06-30" })).toEqual({
      amountCents: 20_000,
      dueDate: "2025-05-31",
      overdue: true,
    });
  });

  it("is the next amount due when nothing is late, and nothing once all is paid", () => {
    const upToDate = [pay("1050.00", "2025-04-29T10:00:00Z")];
    expect(dueFigures({ schedule, payments: upToDate, asOfDate: "2025-06-30" })).toEqual({
      amountCents: 35_000,
      dueDate: "2025-07-31",
      overdue: false,
    });
    const paidOff = [pay("1400.00", "2025-04-29T10:00:00Z")];
    expect(dueFigures({ schedule, payments: paidOff, asOfDate: "2025-06-30" })).toBeNull();
  });
});
