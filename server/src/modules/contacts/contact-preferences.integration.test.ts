import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUsers, borrowersAtMidday, type ErrorBody, secondLoanOf } from "../../../test/contact-fixtures.js";
import { createWorld, destroyWorld, type World } from "../../../test/fixtures.js";
import { startTestApp, type TestApp } from "../../../test/test-app.js";

const PREFS =
  "borrowerId doNotContact disputed optOutChannels preferredChannel preferredHours { start end } timeZone";
const UPDATE = `mutation Update($input: UpdateContactPreferencesInput!) { updateContactPreferences(input: $input) { ${PREFS} } }`;
const CHECK = `query Check($loanId: ID!, $channel: CommunicationChannel!) {
  contactCheck(loanId: $loanId, channel: $channel) { allowed rule nextAllowedAt permanent }
}`;
const HOUR_MS = 3_600_000;

describe("updateContactPreferences: what the borrower asks, for every loan of theirs", () => {
  let app: TestApp;
  let w: World;
  let zone: { timeZone: string; offsetHours: number };
  let send: ReturnType<typeof asUsers>;

  const update = (who: "agentA" | "agentB" | "supervisorA" | "manager", input: Record<string, unknown>) =>
    send(w[who].email, UPDATE, { input: { idempotencyKey: randomUUID(), ...input } });
  const check = (loanId: string, channel = "CALL") => send(w.supervisorA.email, CHECK, { loanId, channel });
  const errorOf = (r: { body: { errors?: unknown[] } }) => r.body.errors?.[0] as ErrorBody | undefined;
  const borrowerA1 = () => w.loanA1.borrowerId;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    zone = await borrowersAtMidday(app.services.db, w);
    send = asUsers(app);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("records a do-not-contact request once, audited with before and after, and every loan of the borrower obeys it", async () => {
    const other = await secondLoanOf(app.services.db, w, w.loanA1, w.agentA.id, w.teamA.id);
    expect((await check(other.id)).body.data?.contactCheck).toMatchObject({ allowed: true });
    const input = { borrowerId: borrowerA1(), doNotContact: true, idempotencyKey: randomUUID() };
    const first = await update("agentA", input);
    expect(first.body.data?.updateContactPreferences).toEqual({
      borrowerId: borrowerA1(),
      doNotContact: true,
      disputed: false,
      optOutChannels: [],
      preferredChannel: null,
      preferredHours: null,
      timeZone: zone.timeZone,
    });
    expect((await update("agentA", input)).body).toEqual(first.body);
    for (const loanId of [w.loanA1.id, other.id]) {
      expect((await check(loanId, "SMS")).body.data?.contactCheck).toMatchObject({
        allowed: false,
        rule: "DO_NOT_CONTACT",
        permanent: true,
      });
    }
    const audits = await app.services.db.auditLog.findMany({
      where: { action: "graphql.updateContactPreferences", entityId: borrowerA1(), outcome: "SUCCESS" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: "Borrower", actorUserId: w.agentA.id });
    expect(audits[0]?.details).toMatchObject({
      before: { doNotContact: false, disputed: false, optOutChannels: [], preferredHours: null },
      after: { doNotContact: true },
    });
    const clash = await update("agentA", { ...input, doNotContact: false });
    expect(errorOf(clash)?.extensions?.code).toBe("CONFLICT");
    // The borrower calls in and says they may be contacted again: an agent records that too.
    expect(
      (await update("agentA", { borrowerId: borrowerA1(), doNotContact: false })).body.data,
    ).toBeTruthy();
  });

  it("narrows the contact hours to the borrower's preferred ones, and clears them with null", async () => {
    // It is about 13:00 where the borrower lives: ask for 15:00 to 20:00.
    const set = await update("agentA", {
      borrowerId: borrowerA1(),
      preferredHours: { start: "15:00", end: "20:00" },
      preferredChannel: "CALL",
    });
    expect(set.body.data?.updateContactPreferences).toMatchObject({
      preferredHours: { start: "15:00", end: "20:00" },
      preferredChannel: "CALL",
    });
    const verdict = (await check(w.loanA1.id)).body.data?.contactCheck as { nextAllowedAt: string };
    expect(verdict).toMatchObject({ allowed: false, rule: "OUTSIDE_CONTACT_HOURS", permanent: false });
    // 15:00 local is 15:00 - offset in UTC, later today.
    const next = new Date(verdict.nextAllowedAt);
    expect(next.getUTCHours()).toBe((15 - zone.offsetHours + 24) % 24);
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getTime() - Date.now()).toBeGreaterThan(0);
    expect(next.getTime() - Date.now()).toBeLessThan(3 * HOUR_MS);
    // E-mail is not bound to hours.
    expect((await check(w.loanA1.id, "EMAIL")).body.data?.contactCheck).toMatchObject({ allowed: true });
    const cleared = await update("agentA", { borrowerId: borrowerA1(), preferredHours: null });
    expect(cleared.body.data?.updateContactPreferences).toMatchObject({
      preferredHours: null,
      preferredChannel: "CALL",
    });
    expect((await check(w.loanA1.id)).body.data?.contactCheck).toMatchObject({ allowed: true });
  });

  it("records channel opt-outs as the whole list, and refuses a preferred channel the borrower opted out of", async () => {
    const out = await update("agentA", { borrowerId: borrowerA1(), optOutChannels: ["SMS", "SMS", "PUSH"] });
    expect(out.body.data?.updateContactPreferences).toMatchObject({ optOutChannels: ["SMS", "PUSH"] });
    expect((await check(w.loanA1.id, "SMS")).body.data?.contactCheck).toMatchObject({
      allowed: false,
      rule: "CHANNEL_OPT_OUT",
      permanent: true,
    });
    const clash = await update("agentA", { borrowerId: borrowerA1(), preferredChannel: "SMS" });
    expect(errorOf(clash)?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(errorOf(clash)?.message).toBe(
      "preferredChannel: the borrower opted out of SMS: lift that opt-out or name another channel",
    );
    const lifted = await update("agentA", { borrowerId: borrowerA1(), optOutChannels: [] });
    expect(lifted.body.data?.updateContactPreferences).toMatchObject({ optOutChannels: [] });
  });

  it("lets an agent record a dispute but only a supervisor, manager or admin lift it (FORBIDDEN)", async () => {
    expect((await update("agentA", { borrowerId: borrowerA1(), disputed: true })).body.data).toBeTruthy();
    expect((await check(w.loanA1.id)).body.data?.contactCheck).toMatchObject({ rule: "DISPUTED" });
    const lift = await update("agentA", { borrowerId: borrowerA1(), disputed: false });
    expect(errorOf(lift)?.extensions?.code).toBe("FORBIDDEN");
    expect(errorOf(lift)?.message).toContain("a supervisor, manager or admin lifts a dispute");
    const denied = await app.services.db.auditLog.findFirst({
      where: { action: "graphql.updateContactPreferences", actorUserId: w.agentA.id, outcome: "DENIED" },
    });
    expect(denied).not.toBeNull();
    const lifted = await update("supervisorA", { borrowerId: borrowerA1(), disputed: false });
    expect(lifted.body.data?.updateContactPreferences).toMatchObject({ disputed: false });
  });

  it("answers NOT_FOUND for a borrower the caller may not see, and changes nothing", async () => {
    const borrowerB = w.loanB.borrowerId;
    for (const who of ["agentA", "supervisorA"] as const) {
      const res = await update(who, { borrowerId: borrowerB, preferredChannel: "EMAIL" });
      expect(errorOf(res)?.extensions?.code).toBe("NOT_FOUND");
      expect(errorOf(res)?.message).toBe(`Borrower ${borrowerB} not found`);
    }
    expect(
      (await app.services.db.borrower.findUniqueOrThrow({ where: { id: borrowerB } })).preferredChannel,
    ).toBeNull();
    const manager = await update("manager", { borrowerId: borrowerB, preferredChannel: "EMAIL" });
    expect(manager.body.data?.updateContactPreferences).toMatchObject({
      preferredChannel: "EMAIL",
      doNotContact: true,
    });
  });

  it("validates the input with messages naming the field", async () => {
    const message = async (input: Record<string, unknown>) => {
      const res = await update("agentA", { borrowerId: borrowerA1(), ...input });
      expect(errorOf(res)?.extensions?.code).toBe("BAD_USER_INPUT");
      return errorOf(res)?.message;
    };
    expect(await message({})).toBe(
      "Nothing to change: give at least one of doNotContact, disputed, optOutChannels, preferredChannel, preferredHours",
    );
    expect(await message({ preferredHours: { start: "25:00", end: "9am" } })).toContain(
      "preferredHours.start: start must be a local time as HH:MM",
    );
    expect(await message({ preferredHours: { start: "18:00", end: "09:00" } })).toBe(
      "preferredHours: end 09:00 must be after start 18:00 (a window within one day)",
    );
    expect(await message({ preferredHours: { start: "05:00", end: "07:30" } })).toBe(
      "preferredHours: 05:00-07:30 lies outside the policy's contact hours 08:00-21:00 (borrower's local time): agree hours that overlap them",
    );
    expect(await message({ doNotContact: null })).toBe("doNotContact cannot be null: give true or false");
    expect(await message({ borrowerId: "B1", doNotContact: true })).toContain(
      "borrowerId must be a borrower id (UUID)",
    );
  });

  it("shows the preferences on the borrower of a loan", async () => {
    await update("agentA", { borrowerId: borrowerA1(), preferredHours: { start: "09:30", end: "24:00" } });
    const res = await send(
      w.agentA.email,
      `query($id: ID!) { loan(id: $id) { borrower { contactPreferences { ${PREFS} } } } }`,
      {
        id: w.loanA1.id,
      },
    );
    expect(res.body.data?.loan).toMatchObject({
      borrower: {
        contactPreferences: { borrowerId: borrowerA1(), preferredHours: { start: "09:30", end: "24:00" } },
      },
    });
  });
});
