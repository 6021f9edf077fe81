import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { hashPassword } from "../../core/auth/password.js";

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email role active team { id } } }`;
const SET_PASSWORD = `mutation($input: SetUserPasswordInput!) { setUserPassword(input: $input) { id } }`;

describe("the roster, as administrators keep it", () => {
  let app: TestApp;
  let w: World;
  let adminId: string;
  let admin: string;
  const created: string[] = [];

  const signIn = (email: string, password: string) =>
    fetch(`${app.baseUrl}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    const row = await app.services.db.user.create({
      data: {
        email: `admin-${w.tag}@test.local`,
        displayName: "admin",
        role: "ADMIN",
        passwordHash: await hashPassword(PASSWORD),
      },
    });
    adminId = row.id;
    created.push(row.id);
    admin = await login(app, row.email, PASSWORD);
  });
  afterAll(async () => {
    await app.services.db.auditLog.deleteMany({ where: { actorUserId: { in: created } } });
    await app.services.db.auditLog.deleteMany({ where: { entityId: { in: created } } });
    await app.services.db.user.deleteMany({ where: { id: { in: created } } });
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("creates an agent in a team who can then sign in, and audits it without the password", async () => {
    const email = `new-agent-${w.tag}@test.local`;
    const res = await gql(
      app,
      CREATE,
      {
        input: {
          email,
          displayName: "New Agent",
          role: "AGENT",
          teamId: w.teamA.id,
          password: "a-long-first-password",
        },
      },
      admin,
    );
    expect(res.body.errors).toBeUndefined();
    const user = res.body.data?.createUser as { id: string; active: boolean; team: { id: string } };
    created.push(user.id);
    expect(user).toMatchObject({ active: true, team: { id: w.teamA.id } });
    expect((await signIn(email, "a-long-first-password")).status).toBe(200);
    const audit = await app.services.db.auditLog.findMany({ where: { entityId: user.id } });
    expect(audit.map((a) => a.action)).toContain("user.create");
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain("a-long-first-password");
  });

  it("refuses bad input field by field, a duplicate e-mail, and anyone but an admin", async () => {
    const base = {
      email: `x-${w.tag}@test.local`,
      displayName: "X",
      role: "AGENT",
      password: "long-enough-password",
    };
    const noTeam = await gql(app, CREATE, { input: base }, admin);
    expect(noTeam.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(noTeam.body.errors?.[0]?.message).toMatch(/teamId/);
    const badEmail = await gql(
      app,
      CREATE,
      { input: { ...base, email: "not-an-email", teamId: w.teamA.id } },
      admin,
    );
    expect(badEmail.body.errors?.[0]?.message).toMatch(/email must be an e-mail address/);
    const short = await gql(
      app,
      CREATE,
      { input: { ...base, password: "short", teamId: w.teamA.id } },
      admin,
    );
    expect(short.body.errors?.[0]?.message).toMatch(/password must have at least 12 characters/);
    const dup = await gql(
      app,
      CREATE,
      { input: { ...base, email: w.agentA.email, teamId: w.teamA.id } },
      admin,
    );
    expect(dup.body.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const supervisor = await login(app, w.supervisorA.email, PASSWORD);
    const refused = await gql(app, CREATE, { input: { ...base, teamId: w.teamA.id } }, supervisor);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await app.services.db.user.count({ where: { email: base.email } })).toBe(0);
  });

  it("sets a password for a roster-imported user (who had none) and ends the user's other sign-ins", async () => {
    const imported = await app.services.db.user.create({
      data: {
        email: `imported-${w.tag}@test.local`,
        displayName: "Imported",
        role: "AGENT",
        teamId: w.teamB.id,
        passwordHash: "!",
      },
    });
    created.push(imported.id);
    expect((await signIn(imported.email, "the-password-set-by-admin")).status).toBe(401);
    const res = await gql(
      app,
      SET_PASSWORD,
      { input: { userId: imported.id, password: "the-password-set-by-admin" } },
      admin,
    );
    expect(res.body.errors).toBeUndefined();
    const session = (await (await signIn(imported.email, "the-password-set-by-admin")).json()) as {
      refreshToken: string;
    };
    await gql(
      app,
      SET_PASSWORD,
      { input: { userId: imported.id, password: "another-password-again" } },
      admin,
    );
    await expect(app.services.sessions.refresh(session.refreshToken)).rejects.toThrow(/ended/);
  });

  it("deactivates a user: no sign-in, no refresh; an admin cannot deactivate themself", async () => {
    const session = (await (await signIn(w.agentB.email, PASSWORD)).json()) as { refreshToken: string };
    const res = await gql(
      app,
      "mutation($id: ID!) { deactivateUser(userId: $id) { active } }",
      { id: w.agentB.id },
      admin,
    );
    expect(res.body.data?.deactivateUser).toEqual({ active: false });
    try {
      expect((await signIn(w.agentB.email, PASSWORD)).status).toBe(401);
      await expect(app.services.sessions.refresh(session.refreshToken)).rejects.toThrow();
      const self = await gql(
        app,
        "mutation($id: ID!) { deactivateUser(userId: $id) { active } }",
        { id: adminId },
        admin,
      );
      expect(self.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    } finally {
      await gql(
        app,
        "mutation($id: ID!) { reactivateUser(userId: $id) { active } }",
        { id: w.agentB.id },
        admin,
      );
    }
    expect((await signIn(w.agentB.email, PASSWORD)).status).toBe(200);
  });

  it("lists a supervisor's own team only, everyone for an admin, and nobody for an agent", async () => {
    const supervisor = await login(app, w.supervisorA.email, PASSWORD);
    const mine = await gql(app, "{ users { id } }", {}, supervisor);
    const ids = ((mine.body.data?.users ?? []) as { id: string }[]).map((u) => u.id);
    expect(ids).toContain(w.agentA.id);
    expect(ids).not.toContain(w.agentB.id);
    const all = await gql(app, "{ users { id } }", {}, admin);
    expect(((all.body.data?.users ?? []) as { id: string }[]).map((u) => u.id)).toEqual(
      expect.arrayContaining([w.agentA.id, w.agentB.id]),
    );
    const agent = await gql(app, "{ users { id } }", {}, await login(app, w.agentA.email, PASSWORD));
    expect(agent.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
