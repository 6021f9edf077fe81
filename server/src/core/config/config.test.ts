import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "./config.js";

describe("config", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    reloadConfig();
  });

  it("names the variable that is wrong and why", () => {
    process.env.PORT = "eighty";
    expect(() => reloadConfig()).toThrow(/PORT: .*number/i);
    process.env.PORT = "4000";
    process.env.DATABASE_URL = "mysql://x";
    expect(() => reloadConfig()).toThrow(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
  });

  it("takes the business time zone as an IANA zone, UTC by default", () => {
    delete process.env.BUSINESS_TIME_ZONE;
    expect(reloadConfig().businessTimeZone).toBe("UTC");
    process.env.BUSINESS_TIME_ZONE = "Africa/Nairobi";
    expect(reloadConfig().businessTimeZone).toBe("Africa/Nairobi");
    process.env.BUSINESS_TIME_ZONE = "Nairobi";
    expect(() => reloadConfig()).toThrow(/BUSINESS_TIME_ZONE: must be an IANA time zone/);
  });

  it("reads an empty variable as unset, so its default applies (docker-compose passes unset ones empty)", () => {
    process.env.METRICS_TOKEN = "";
    process.env.API_WORKERS = "";
    process.env.DATABASE_URL = "";
    const cfg = reloadConfig();
    expect(cfg.metricsToken).toBeUndefined();
    expect(cfg.apiWorkers).toBe(1);
    expect(cfg.databaseUrl).toBeUndefined();
  });

  it("requires a JWT secret in production", () => {
    process.env.NODE_ENV = "production";
    delete process.env.JWT_SECRET;
    expect(() => reloadConfig()).toThrow(/JWT_SECRET must be set/);
  });

  it("resolves relative data and model paths against the repository root", () => {
    process.env.CREDITPATH_DATA_DIR = "../shared/data";
    const cfg = reloadConfig();
    expect(cfg.dataDir.endsWith("/shared/data")).toBe(true);
    expect(cfg.modelDir.endsWith("/.data/model")).toBe(true);
  });

  it("needs the webhook's URL and secret for the webhook sender, and keeps the outbox by default", () => {
    for (const name of [
      "MESSAGING_SENDER",
      "MESSAGING_WEBHOOK_URL",
      "MESSAGING_WEBHOOK_SECRET",
      "MESSAGING_OUTBOX_PATH",
    ])
      delete process.env[name];
    const cfg = reloadConfig();
    expect(cfg.messaging).toMatchObject({ worker: true, sender: "outbox" });
    expect(cfg.messaging.outboxPath.endsWith("/.data/outbox/messages.jsonl")).toBe(true);
    process.env.MESSAGING_SENDER = "webhook";
    expect(() => reloadConfig()).toThrow(/MESSAGING_WEBHOOK_URL must be set when MESSAGING_SENDER=webhook/);
    process.env.MESSAGING_WEBHOOK_URL = "ftp://gateway.example/messages";
    expect(() => reloadConfig()).toThrow(/MESSAGING_WEBHOOK_URL: must be an http\(s\):\/\/ URL/);
    process.env.MESSAGING_WEBHOOK_URL = "https://gateway.example/messages";
    process.env.MESSAGING_WEBHOOK_SECRET = "short";
    expect(() => reloadConfig()).toThrow(/MESSAGING_WEBHOOK_SECRET: must be at least 32 characters/);
    process.env.MESSAGING_WEBHOOK_SECRET = "x".repeat(32);
    process.env.MESSAGING_WORKER = "off";
    expect(reloadConfig().messaging).toMatchObject({ worker: false, sender: "webhook" });
  });

  it("trusts no proxy unless told, and names a proxy entry that is not an address or range", () => {
    delete process.env.TRUSTED_PROXIES;
    expect(reloadConfig().trustedProxies).toEqual([]);
    process.env.TRUSTED_PROXIES = " 10.0.0.5, 172.16.0.0/12 ,fd00::/8,loopback";
    expect(reloadConfig().trustedProxies).toEqual(["10.0.0.5", "172.16.0.0/12", "fd00::/8", "loopback"]);
    process.env.TRUSTED_PROXIES = "10.0.0.5,proxy.internal";
    expect(() => reloadConfig()).toThrow(/TRUSTED_PROXIES: "proxy.internal" is not an IP address/);
    process.env.TRUSTED_PROXIES = "10.0.0.0/33";
    expect(() => reloadConfig()).toThrow(/TRUSTED_PROXIES: "10.0.0.0\/33" is not/);
  });
});
