import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asUsers,
  borrowersAtMidday,
  type ErrorBody,
  hoursFromNow,
  minutesAgo,
  secondLoanOf,
} from "../../../test/contact-fixtures.js";
import { createWorld, destroyWorld, type World } from "../../../test/fixtures.js";
import { startTestApp, type TestApp } from "../../../test/test-app.js";

const LOG = `mutation Log($input: LogContactInput!) {
  logContact(input: $input) {
    contact { id loanId borrowerId agentId channel direction outcome startedAt durationSeconds notes callbackAt }
    followUp followUpTask { id status }
  }
}`;
const CHECK = `query Check($loanId: ID!, $channel: CommunicationChannel!) {
  contactCheck(loanId: $loanId, channel: $channel) {
    allowed rule rules reason nextAllowedAt permanent borrowerTimeZone
  }
}`;
const DAY_MS = 86_400_000;

describe("logContact and contactCheck: the contact rules before and as contacts are logged", () => {
  let app: TestApp;
  let w: World;
  let timeZone: string;
  let send: ReturnType<typeof asUsers>;

  const contact = (loanId: string, over: Record<string, unknown> = {}) => ({
    loanId,
    channel: "CALL",
    direction: "OUTBOUND",
    outcome: "NO_ANSWER",
    startedAt: minutesAgo(1),
    durationSeconds: 25,
    idempotencyKey: randomUUID(),
    ...over,
  });
  const log = (who: keyof World, input: Record<string, unknown>) =>
    send((w[who] as { email: string }).email, LOG, { input });
  const check = async (who: keyof World, loanId: string, channel = "CALL") =>
    send((w[who] as { email: string }).email, CHECK, { loanId, channel });
  const errorOf = (r: { body: { errors?: unknown[] } }) => r.body.errors?.[0] as ErrorBody | undefined;
  /** Outbound call attempts made earlier (by a dialler, another agent): history the rules read. */
  const pastCalls = (borrowerId: string, loanId: string, ats: Date[], outcome = "NO_ANSWER" as const) =>
    app.services.db.communication.createMany({
      data: ats.map((startedAt) => ({
        borrowerId,
        loanId,
        channel: "CALL" as const,
        direction: "OUTBOUND" as const,
        outcome,
        startedAt,
      })),
    });

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    timeZone = (await borrowersAtMidday(app.services.db, w)).timeZone;
    send = asUsers(app);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("records an allowed outbound call, audited without its notes", async () => {
    const notes = "Spoke to the borrower's sister Mary, who will pass the message on";
    const input = contact(w.loanA1.id, { outcome: "VOICEMAIL", notes });
    const res = await log("agentA", input);
    expect(res.body.errors).toBeUndefined();
    const logged = (res.body.data as { logContact: { contact: { id: string } } }).logContact.contact;
    expect(res.body.data?.logContact).toMatchObject({
      contact: {
        loanId: w.loanA1.id,
        borrowerId: w.loanA1.borrowerId,
        agentId: w.agentA.id,
        channel: "CALL",
        direction: "OUTBOUND",
        outcome: "VOICEMAIL",
        startedAt: input.startedAt,
        durationSeconds: 25,
        notes,
        callbackAt: null,
      },
      followUp: null,
      followUpTask: null,
    });
    const row = await app.services.db.communication.findUniqueOrThrow({ where: { id: logged.id } });
    expect(row).toMatchObject({ agentId: w.agentA.id, notes, durationSeconds: 25 });
    expect(row.endedAt?.getTime()).toBe(new Date(input.startedAt).getTime() + 25_000);
    const audits = await app.services.db.auditLog.findMany({
      where: { action: "graphql.logContact", entityId: logged.id },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      outcome: "SUCCESS",
      entityType: "Communication",
      actorUserId: w.agentA.id,
    });
    expect(audits[0]?.details).toMatchObject({
      args: { input: { notes: "[free text]" } },
      before: null,
      after: { loanId: w.loanA1.id, channel: "CALL", direction: "OUTBOUND", outcome: "VOICEMAIL" },
    });
    expect(JSON.stringify(audits[0]?.details)).not.toContain("Mary");
  });

  it("counts a logged call at once: the 8th outbound call in 7 days, on any loan of the borrower, is refused", async () => {
    const borrowerId = w.loanA2.borrowerId;
    const other = await secondLoanOf(app.services.db, w, w.loanA2, w.agentA.id, w.teamA.id);
    // One instant for all six: the oldest one decides when calling is allowed again, to the millisecond.
    const start = Date.now();
    const oldest = new Date(start - 6 * DAY_MS);
    // Six attempts over the last six days, on the borrower's other loan.
    await pastCalls(
      borrowerId,
      other.id,
      [6, 5, 4, 3, 2, 1].map((d) => new Date(start - d * DAY_MS)),
    );
    expect((await check("agentA", w.loanA2.id)).body.data?.contactCheck).toMatchObject({ allowed: true });
    // The seventh, logged through the API, is allowed and counted straight away.
    const seventh = await log("agentA", contact(w.loanA2.id));
    expect(seventh.body.errors).toBeUndefined();
    const nextAllowedAt = new Date(oldest.getTime() + 7 * DAY_MS + 1).toISOString();
    expect((await check("agentA", w.loanA2.id)).body.data?.contactCheck).toEqual({
      allowed: false,
      rule: "CALL_LIMIT",
      rules: ["CALL_LIMIT"],
      reason: expect.stringContaining("already 7 call attempts in 7 days"),
      nextAllowedAt,
      permanent: false,
      borrowerTimeZone: timeZone,
    });

    const eighth = await log("agentA", contact(other.id, { startedAt: new Date().toISOString() }));
    expect(eighth.body.data).toBeNull();
    expect(errorOf(eighth)?.extensions).toEqual({
      code: "CONTACT_NOT_ALLOWED",
      requestId: expect.any(String),
      rule: "CALL_LIMIT",
      rules: ["CALL_LIMIT"],
      reason: expect.stringContaining("call attempts"),
      nextAllowedAt,
      permanent: false,
      borrowerTimeZone: timeZone,
    });
    expect(errorOf(eighth)?.message).toContain(`the next allowed time is ${nextAllowedAt}`);
    expect(await app.services.db.communication.count({ where: { borrowerId } })).toBe(7);
    // Refused, it is audited as a failure with the code, and nothing was recorded.
    const failed = await app.services.db.auditLog.findFirst({
      where: { action: "graphql.logContact", actorUserId: w.agentA.id, outcome: "FAILURE" },
      orderBy: { at: "desc" },
    });
    expect(failed?.details).toMatchObject({ error: "CONTACT_NOT_ALLOWED" });
    // Other channels are not limited by calls; an inbound call is always recorded.
    expect(
      (await log("agentA", contact(other.id, { channel: "SMS", outcome: "DELIVERED", durationSeconds: 0 })))
        .body.errors,
    ).toBeUndefined();
    expect(
      (await log("agentA", contact(other.id, { direction: "INBOUND", outcome: "CONNECTED" }))).body.errors,
    ).toBeUndefined();
  });

  it("refuses a call right after a conversation until 7 days after it, but records the borrower calling in", async () => {
    const conversation = minutesAgo(30);
    const talked = await log(
      "agentA",
      contact(w.loanA1.id, { outcome: "CONNECTED", startedAt: conversation, durationSeconds: 300 }),
    );
    expect(talked.body.errors).toBeUndefined();
    const nextAllowedAt = new Date(new Date(conversation).getTime() + 7 * DAY_MS).toISOString();
    const again = await log("agentA", contact(w.loanA1.id));
    expect(errorOf(again)?.extensions).toMatchObject({
      code: "CONTACT_NOT_ALLOWED",
      rule: "CONVERSATION_COOLDOWN",
      nextAllowedAt,
      permanent: false,
    });
    expect((await check("supervisorA", w.loanA1.id)).body.data?.contactCheck).toMatchObject({
      allowed: false,
      rule: "CONVERSATION_COOLDOWN",
      nextAllowedAt,
    });
    const inbound = await log("agentA", contact(w.loanA1.id, { direction: "INBOUND", outcome: "CONNECTED" }));
    expect(inbound.body.data?.logContact).toMatchObject({ contact: { direction: "INBOUND" } });
    // A contact made before the conversation is judged at its own start: it was allowed then.
    const earlier = await log("agentA", contact(w.loanA1.id, { startedAt: minutesAgo(45) }));
    expect(earlier.body.errors).toBeUndefined();
  });

  it("refuses every outbound contact with a borrower who asked not to be contacted, for good", async () => {
    // Borrower of loan L3 (agent B's) has doNotContact in the fixtures.
    const res = await log(
      "manager",
      contact(w.loanB.id, { channel: "LETTER", outcome: "DELIVERED", durationSeconds: 0 }),
    );
    expect(errorOf(res)?.extensions).toEqual({
      code: "CONTACT_NOT_ALLOWED",
      requestId: expect.any(String),
      rule: "DO_NOT_CONTACT",
      rules: ["DO_NOT_CONTACT"],
      reason: expect.stringContaining("asked not to be contacted"),
      nextAllowedAt: null,
      permanent: true,
      borrowerTimeZone: timeZone,
    });
    expect(errorOf(res)?.message).toContain("not allowed until the borrower's record changes");
    const inbound = await log("manager", contact(w.loanB.id, { direction: "INBOUND", outcome: "CONNECTED" }));
    expect(inbound.body.data?.logContact).toMatchObject({ contact: { agentId: w.manager.id } });
  });

  it("answers NOT_FOUND for a loan the caller may not see, and records nothing", async () => {
    const before = await app.services.db.communication.count();
    for (const [who, loanId] of [
      ["agentA", w.loanB.id],
      ["agentB", w.loanA1.id],
      ["supervisorA", w.loanB.id],
      ["agentA", randomUUID()],
    ] as const) {
      const logged = await log(who, contact(loanId, { direction: "INBOUND", outcome: "CONNECTED" }));
      expect(errorOf(logged)?.extensions?.code).toBe("NOT_FOUND");
      expect(errorOf(logged)?.message).toBe(`Loan ${loanId} not found`);
      expect(errorOf(await check(who, loanId))?.extensions?.code).toBe("NOT_FOUND");
    }
    expect(await app.services.db.communication.count()).toBe(before);
    // A supervisor sees their team's loans, a manager every team's.
    expect((await check("supervisorA", w.loanA2.id)).body.data?.contactCheck).toBeTruthy();
    expect((await check("manager", w.loanB.id, "SMS")).body.data?.contactCheck).toMatchObject({
      allowed: false,
      rule: "DO_NOT_CONTACT",
    });
  });

  it("validates every field with messages naming it", async () => {
    const problems = async (over: Record<string, unknown>) => {
      const res = await log("agentA", contact(w.loanA1.id, { direction: "INBOUND", ...over }));
      expect(errorOf(res)?.extensions?.code).toBe("BAD_USER_INPUT");
      return errorOf(res)?.extensions?.problems ?? [];
    };
    expect(await problems({ startedAt: hoursFromNow(1) })).toEqual([
      "startedAt: startedAt is in the future: give the time the contact began (check the device's clock)",
    ]);
    expect(await problems({ startedAt: new Date(Date.now() - 40 * DAY_MS).toISOString() })).toEqual([
      "startedAt: startedAt is more than 30 days ago: older contacts are imported, not logged",
    ]);
    expect((await problems({ startedAt: "2026-03-12T14:30:00" }))[0]).toContain(
      "startedAt must be an ISO 8601 instant with its offset",
    );
    expect(await problems({ durationSeconds: -1 })).toEqual([
      "durationSeconds: durationSeconds must be 0 or more",
    ]);
    expect((await problems({ durationSeconds: 9 * 3600 }))[0]).toContain(
      "durationSeconds must be at most 28800",
    );
    expect(await problems({ notes: "x".repeat(2001) })).toEqual([
      "notes: notes must be at most 2000 characters",
    ]);
    expect(await problems({ outcome: "CALLBACK_REQUESTED" })).toEqual([
      "outcome: callbackAt is required with outcome CALLBACK_REQUESTED: when did the borrower ask to be called?",
    ]);
    expect((await problems({ outcome: "CALLBACK_REQUESTED", callbackAt: minutesAgo(5) }))[0]).toContain(
      "callbackAt must be in the future",
    );
    expect((await problems({ outcome: "CONNECTED", callbackAt: hoursFromNow(2) }))[0]).toContain(
      "callbackAt goes only with outcome CALLBACK_REQUESTED",
    );
    expect((await problems({ loanId: "L1", idempotencyKey: "x" })).sort()).toEqual([
      expect.stringContaining("idempotencyKey must be 8 to 128"),
      "loanId: loanId must be a loan id (UUID)",
    ]);
  });

  it("applies a retried call once: one contact, one audit record, and a reused key with another input is a conflict", async () => {
    const input = contact(w.loanA2.id, {
      direction: "INBOUND",
      outcome: "CONNECTED",
      startedAt: minutesAgo(3),
    });
    const first = await log("agentA", input);
    const retry = await log("agentA", input);
    expect(retry.body).toEqual(first.body);
    const id = (first.body.data as { logContact: { contact: { id: string } } }).logContact.contact.id;
    expect(
      await app.services.db.communication.count({
        where: { loanId: w.loanA2.id, startedAt: new Date(input.startedAt) },
      }),
    ).toBe(1);
    expect(
      await app.services.db.auditLog.count({ where: { action: "graphql.logContact", entityId: id } }),
    ).toBe(1);
    const clash = await log("agentA", { ...input, durationSeconds: 26 });
    expect(errorOf(clash)?.extensions?.code).toBe("CONFLICT");
    expect(errorOf(clash)?.message).toContain(`idempotencyKey "${input.idempotencyKey}" was already used`);
  });
});
