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
});
