import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, startTestApp, type TestApp } from "../../../test/test-app.js";
import { issueToken } from "../../core/auth/tokens.js";
import { REFRESH_RETRY_GRACE_MS } from "./session.service.js";

interface Session {
  token: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

describe("sessions through a working day", () => {
  let app: TestApp;
  let w: World;

  const post = (url: string, body: unknown) =>
    fetch(`${app.baseUrl}${url}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const signIn = async (email: string): Promise<Session> => {
    const res = await post("/auth/login", { email, password: PASSWORD });
    expect(res.status).toBe(200);
    return (await res.json()) as Session;
  };
  const refresh = (refreshToken: string) => post("/auth/refresh", { refreshToken });
  const me = async (token: string) =>
    (await gql(app, "{ me { displayName } }", {}, token)).body.data?.me as
      | { displayName: string }
      | undefined;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("gives a refresh token at sign-in that lasts the day, and exchanges it once for a new pair", async () => {
    const first = await signIn(w.agentA.email);
    expect(first.refreshToken).toMatch(/^cpr_/);
    const hours = (Date.parse(first.refreshExpiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(200);
    const second = (await res.json()) as Session;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await me(second.token)).toEqual({ displayName: "agent-a" });
    expect((await refresh(second.refreshToken)).status).toBe(200);
  });

  it("answers a retried refresh (a lost answer on a phone) with a pair of its own", async () => {
    const first = await signIn(w.agentA.email);
    const [a, b] = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const pairs = [(await a.json()) as Session, (await b.json()) as Session];
    for (const p of pairs) expect((await refresh(p.refreshToken)).status).toBe(200);
  });

  it("ends the whole sign-in when a replaced refresh token comes back after the grace period", async () => {
    const first = await signIn(w.agentA.email);
    const next = (await (await refresh(first.refreshToken)).json()) as Session;
    const later = new Date(Date.now() + REFRESH_RETRY_GRACE_MS + 5_000);
    await expect(app.services.sessions.refresh(first.refreshToken, undefined, later)).rejects.toThrow(
      /sign-in has ended/,
    );
    // The legitimate holder's newer token is revoked too: whoever copied the old one gets nothing.
    const res = await refresh(next.refreshToken);
    expect(res.status).toBe(401);
    const audit = await app.services.db.auditLog.findFirst({
      where: { action: "auth.refresh", entityId: w.agentA.id, outcome: "DENIED" },
    });
    expect(audit?.details).toMatchObject({ reason: "refresh-token-reused" });
  });

  it("refuses a refresh after sign-out and for a deactivated user", async () => {
    const s = await signIn(w.agentA.email);
    expect((await post("/auth/logout", { refreshToken: s.refreshToken })).status).toBe(204);
    expect((await refresh(s.refreshToken)).status).toBe(401);

    const b = await signIn(w.agentB.email);
    await app.services.db.user.update({ where: { id: w.agentB.id }, data: { active: false } });
    try {
      const res = await refresh(b.refreshToken);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/deactivated/);
    } finally {
      await app.services.db.user.update({ where: { id: w.agentB.id }, data: { active: true } });
    }
  });

  it("answers 400, naming the field, for a body without a refresh token", async () => {
    const res = await post("/auth/refresh", {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("refreshToken");
  });
});

describe("a GraphQL WebSocket and its token", () => {
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

  /** A raw graphql-transport-ws connection, acknowledged; resolves its close code when it closes. */
  async function connect(token: string) {
    const ws = new WebSocket(`${app.baseUrl.replace("http", "ws")}/graphql`, "graphql-transport-ws");
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () =>
        ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })),
      );
      ws.on("message", (m) => {
        if (JSON.parse(String(m)).type === "connection_ack") resolve();
      });
      ws.once("close", (code) => reject(new Error(`closed before ack: ${code}`)));
    });
    return { ws, closed };
  }
  const agent = () => ({ id: w.agentA.id, role: "AGENT" as const, teamId: w.teamA.id });
  it("closes the socket when its token expires without a refresh", async () => {
    const { token } = await issueToken(agent(), 2);
    const { closed } = await connect(token);
    expect(await closed).toBe(4401);
  }, 15_000);

  it("keeps the socket open when the client sends its refreshed token in a ping", async () => {
    const { token } = await issueToken(agent(), 2);
    const { ws, closed } = await connect(token);
    let closedWith: number | undefined;
    void closed.then((code) => {
      closedWith = code;
    });
    const refreshed = await issueToken(agent());
    ws.send(JSON.stringify({ type: "ping", payload: { authorization: `Bearer ${refreshed.token}` } }));
    // A second socket on a token issued after the first, never refreshed: once the server has closed it for
    // expiry, the first token's expiry has passed too, and the refreshed socket must still be open.
    const control = await connect((await issueToken(agent(), 2)).token);
    expect(await control.closed).toBe(4401);
    expect(closedWith).toBeUndefined();
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  }, 15_000);

  it("refuses a refreshed token of another user", async () => {
    const { token } = await issueToken(agent());
    const { ws, closed } = await connect(token);
    const other = await issueToken({ id: w.agentB.id, role: "AGENT", teamId: w.teamB.id });
    ws.send(JSON.stringify({ type: "ping", payload: { authorization: `Bearer ${other.token}` } }));
    expect(await closed).toBe(4403);
  }, 15_000);

  it("closes the socket of a user who is deactivated", async () => {
    const { token } = await issueToken(agent());
    const { closed } = await connect(token);
    await app.services.db.user.update({ where: { id: w.agentA.id }, data: { active: false } });
    try {
      expect(await closed).toBe(4403);
    } finally {
      await app.services.db.user.update({ where: { id: w.agentA.id }, data: { active: true } });
    }
  }, 20_000);
});
