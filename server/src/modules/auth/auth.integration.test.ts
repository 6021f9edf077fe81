import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { USER_ACCESS_TTL_MS } from "./user-access.js";

const CHANGE_PASSWORD = `mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) }`;

describe("sign-in and the audit trail", () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  const postLogin = (body: unknown) =>
    fetch(`${app.baseUrl}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("returns a short-lived token and the user's profile for the right password", async () => {
    const res = await postLogin({ email: w.agentA.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      token: string;
      expiresAt: string;
      user: { id: string; role: string };
    };
    expect(body.user).toMatchObject({ id: w.agentA.id, role: "AGENT" });
    const ttlMinutes = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(ttlMinutes).toBeGreaterThan(5);
    expect(ttlMinutes).toBeLessThanOrEqual(30);
    const me = await gql(app, "{ me { displayName role team { name } } }", {}, body.token);
    expect(me.body.data?.me).toEqual({ displayName: "agent-a", role: "AGENT", team: { name: `A-${w.tag}` } });
  });

  it("applies a changed team and locks a deactivated user out within seconds, before their token expires", async () => {
    const passwordHash = (await app.services.db.user.findUniqueOrThrow({ where: { id: w.agentA.id } }))
      .passwordHash;
    const mover = await app.services.db.user.create({
      data: {
        email: `mover-${w.tag}@test.local`,
        displayName: "mover",
        role: "AGENT",
        teamId: w.teamA.id,
        passwordHash,
      },
    });
    try {
      const token = await login(app, mover.email, PASSWORD);
      const whoami = () =>
        fetch(`${app.baseUrl}/auth/whoami`, { headers: { authorization: `Bearer ${token}` } });
      expect(await (await whoami()).json()).toMatchObject({ teamId: w.teamA.id });

      // A roster import moves them to team B: the same token now acts for team B.
      await app.services.db.user.update({ where: { id: mover.id }, data: { teamId: w.teamB.id } });
      const wait = { timeout: USER_ACCESS_TTL_MS + 3000, interval: 250 };
      await vi.waitFor(
        async () => expect(await (await whoami()).json()).toMatchObject({ teamId: w.teamB.id }),
        wait,
      );

      // Then deactivates them: REST and GraphQL refuse the token that has not expired.
      await app.services.db.user.update({ where: { id: mover.id }, data: { active: false } });
      await vi.waitFor(async () => expect((await whoami()).status).toBe(401), wait);
      expect(await (await whoami()).json()).toEqual({
        error: {
          code: "UNAUTHENTICATED",
          message: "This account is deactivated or no longer exists: ask an administrator",
          requestId: expect.any(String),
        },
      });
      const me = await gql(app, "{ me { displayName } }", {}, token);
      expect(me.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      await app.services.db.auditLog.deleteMany({
        where: { OR: [{ actorUserId: mover.id }, { entityId: mover.id }] },
      });
      await app.services.db.user.delete({ where: { id: mover.id } });
    }
  });

  it("answers a wrong password and an unknown user with the same 401, and audits both", async () => {
    const wrong = await postLogin({ email: w.agentA.email, password: "nope" });
    const unknown = await postLogin({ email: `ghost-${w.tag}@test.local`, password: "nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    // Identical but for each request's own id: nothing tells an existing account from an unknown one.
    const expected = {
      error: { code: "UNAUTHENTICATED", message: "Invalid email or password", requestId: expect.any(String) },
    };
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
    expect(a.error.requestId).not.toBe(b.error.requestId);
    const failures = await app.services.db.auditLog.findMany({
      where: { action: "auth.login", outcome: "FAILURE", entityId: w.agentA.id },
    });
    expect(failures.map((f) => f.details)).toContainEqual({ reason: "wrong-password" });
  });

  it("slows down password guessing on one account with 429 after the allowed attempts", async () => {
    const email = `target-${w.tag}@test.local`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await postLogin({ email, password: `guess-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const blocked = await postLogin({ email, password: "guess-11" });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(
        /^Too many sign-in attempts for this account from your address: try again in \d+ seconds?$/,
      ),
    });
    // Other accounts are not locked out by it.
    expect((await postLogin({ email: w.manager.email, password: PASSWORD })).status).toBe(200);
  });

  it("rejects a login body without a password with 400 naming the field", async () => {
    const res = await postLogin({ email: w.agentA.email });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "BAD_USER_INPUT",
        message: expect.stringContaining("password"),
        requestId: expect.any(String),
      },
    });
  });

  it("audits a mutation with its actor and never records the passwords", async () => {
    const token = await login(app, w.agentB.email, PASSWORD);
    const newPassword = "a much longer new passphrase";
    const res = await gql(app, CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword } }, token);
    expect(res.body).toEqual({ data: { changePassword: true } });
    const entry = await app.services.db.auditLog.findFirst({
      where: { action: "graphql.changePassword", actorUserId: w.agentB.id },
      orderBy: { id: "desc" },
    });
    expect(entry?.outcome).toBe("SUCCESS");
    expect(JSON.stringify(entry?.details)).not.toContain(newPassword);
    expect(JSON.stringify(entry?.details)).not.toContain(PASSWORD);
    // The new password works, the old one no longer does.
    await expect(login(app, w.agentB.email, newPassword)).resolves.toBeTruthy();
    await expect(login(app, w.agentB.email, PASSWORD)).rejects.toThrow(/401/);
  });

  it("rejects invalid mutation input with BAD_USER_INPUT and audits the failure", async () => {
    const token = await login(app, w.agentA.email, PASSWORD);
    const res = await gql(
      app,
      CHANGE_PASSWORD,
      { input: { currentPassword: PASSWORD, newPassword: "short" } },
      token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.body.errors?.[0]?.message).toMatch(
      /newPassword: the new password must have at least 12 characters/,
    );
    const entry = await app.services.db.auditLog.findFirst({
      where: { action: "graphql.changePassword", actorUserId: w.agentA.id },
      orderBy: { id: "desc" },
    });
    expect(entry?.outcome).toBe("FAILURE");
  });
});
