import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answer, loopbackAddress, postFrom } from "../../../test/client-addresses.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { withEnv } from "../../../test/test-env.js";

// Small limits, so that a few attempts reach them: 3 per account from one address, 5 from one address.
const LIMITS = { LOGIN_ATTEMPTS_PER_MINUTE: "3", LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "5" };

describe("sign-in limits", () => {
  let app: TestApp;
  let proxied: TestApp;
  let w: World;
  /** The address of the reverse proxy that `proxied` trusts. */
  const proxy = loopbackAddress();
  /** The clients forwarded by the proxy. */
  const forwarded = ["198.51.100.1", "198.51.100.2", "198.51.100.3"] as const;
  /** Every client address the limits counted, whose counters are removed afterwards. */
  const addresses: string[] = [proxy, ...forwarded];

  /** A client address of its own, so that no other test's attempts count against it. */
  const client = () => {
    const address = loopbackAddress();
    addresses.push(address);
    return address;
  };

  const signIn = (
    server: TestApp,
    from: string,
    email: string,
    password: string,
    headers: Record<string, string> = {},
  ) => postFrom(from, `${server.baseUrl}/auth/login`, { email, password }, headers);

  /** An e-mail no user has, unique to this run. */
  const nobody = (name: string) => `${name}-${w.tag}@test.local`;

  const expectLimited = (answer: Answer, who: string) => {
    expect(answer.status).toBe(429);
    const wait = Number(answer.headers["retry-after"]);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(answer.json.error).toEqual({
      code: "RATE_LIMITED",
      requestId: expect.any(String),
      message: `Too many sign-in attempts ${who}: try again in ${wait} second${wait === 1 ? "" : "s"}`,
    });
  };

  beforeAll(async () => {
    app = await withEnv({ ...LIMITS, TRUSTED_PROXIES: "" }, () => startTestApp());
    proxied = await withEnv({ ...LIMITS, TRUSTED_PROXIES: proxy }, () => startTestApp());
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    await app.services.pool.query(
      `DELETE FROM "RateLimitWindow" WHERE split_part(key, '|', 2) = ANY($1::text[])`,
      [addresses],
    );
    await destroyWorld(app.services.db, w);
    await proxied.close();
    await app.close();
  });

  it("counts every spelling of an e-mail that signs in to the account against one limit", async () => {
    const from = client();
    const email = w.agentA.email;
    for (const spelling of [email.toUpperCase(), `   ${email}`, `${email}\t `])
      expect((await signIn(app, from, spelling, "a wrong guess")).status).toBe(401);
    // The right password under yet another spelling is refused like any fourth attempt.
    expectLimited(
      await signIn(app, from, ` ${email.toUpperCase()} `, PASSWORD),
      "for this account from your address",
    );
    // The account's owner, elsewhere, is not locked out by someone guessing.
    expect((await signIn(app, client(), email, PASSWORD)).status).toBe(200);
  });

  it("limits one address spraying sign-ins over many accounts", async () => {
    const from = client();
    for (let i = 0; i < 5; i++)
      expect((await signIn(app, from, nobody(`sprayed-${i}`), "Summer2026!")).status).toBe(401);
    expectLimited(await signIn(app, from, w.manager.email, PASSWORD), "from your address");
    expect((await signIn(app, client(), w.manager.email, PASSWORD)).status).toBe(200);
  });

  it("counts malformed attempts too, and refuses them for their body, never as an outage", async () => {
    const from = client();
    // Counted before the body is checked: a NUL in the e-mail reaches the counters, which must store it.
    for (const email of ["a\u0000b@test.local", "", 42]) {
      const answer = await postFrom(from, `${app.baseUrl}/auth/login`, { email, password: "x" });
      expect(answer.status).toBe(400);
      expect(answer.json.error?.code).toBe("BAD_USER_INPUT");
    }
    for (let i = 0; i < 2; i++)
      expect((await signIn(app, from, nobody(`after-malformed-${i}`), "a wrong guess")).status).toBe(401);
    expectLimited(await signIn(app, from, w.manager.email, PASSWORD), "from your address");
  });

  it("ignores X-Forwarded-For unless a trusted proxy sent it", async () => {
    const from = client();
    const email = nobody("forged");
    for (let i = 1; i <= 3; i++) {
      const forged = { "x-forwarded-for": `203.0.113.${i}` };
      expect((await signIn(app, from, email, "a wrong guess", forged)).status).toBe(401);
    }
    // A fourth made-up address does not make a fourth attempt a first one.
    const forged = { "x-forwarded-for": "203.0.113.4" };
    expectLimited(
      await signIn(app, from, email, "a wrong guess", forged),
      "for this account from your address",
    );
  });

  describe("behind a trusted proxy (TRUSTED_PROXIES)", () => {
    it("counts each client by the address the proxy forwarded", async () => {
      const email = nobody("behind-proxy");
      const [first, second] = forwarded;
      for (let i = 0; i < 3; i++)
        expect(
          (await signIn(proxied, proxy, email, "a wrong guess", { "x-forwarded-for": first })).status,
        ).toBe(401);
      expectLimited(
        await signIn(proxied, proxy, email, "a wrong guess", { "x-forwarded-for": first }),
        "for this account from your address",
      );
      // Another client behind the same proxy has attempts of its own.
      const other = await signIn(proxied, proxy, email, "a wrong guess", { "x-forwarded-for": second });
      expect(other.status).toBe(401);
    });

    it("counts a client by the address the proxy saw, whatever the client wrote before it", async () => {
      const email = nobody("through-proxy");
      // The proxy appends the address it saw to the header the client sent: only that last entry is trusted.
      const through = (forged: string) => ({ "x-forwarded-for": `${forged}, ${forwarded[2]}` });
      for (let i = 1; i <= 3; i++)
        expect((await signIn(proxied, proxy, email, "a wrong guess", through(`203.0.113.${i}`))).status).toBe(
          401,
        );
      expectLimited(
        await signIn(proxied, proxy, email, "a wrong guess", through("203.0.113.4")),
        "for this account from your address",
      );
    });

    it("ignores X-Forwarded-For from a client that is not the proxy", async () => {
      const from = client();
      const email = nobody("not-the-proxy");
      for (let i = 1; i <= 3; i++) {
        const forged = { "x-forwarded-for": `203.0.113.${i}` };
        expect((await signIn(proxied, from, email, "a wrong guess", forged)).status).toBe(401);
      }
      expectLimited(
        await signIn(proxied, from, email, "a wrong guess", { "x-forwarded-for": "203.0.113.4" }),
        "for this account from your address",
      );
    });
  });
});
