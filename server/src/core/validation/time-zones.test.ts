import { describe, expect, it } from "vitest";
import { canonicalTimeZone } from "./time-zones.js";

describe("time zone names", () => {
  it("reads IANA names the runtime spells differently, in any case, in its own spelling", () => {
    for (const name of [
      "Asia/Kolkata",
      "America/Indiana/Indianapolis",
      "europe/paris",
      "UTC",
      "Europe/London",
    ]) {
      const zone = canonicalTimeZone(name);
      expect(zone, name).not.toBeNull();
      // The spelling it gives is one the runtime lists, so every schema listing them accepts it.
      expect(zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone as string), name).toBe(true);
    }
    expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris");
  });

  it("refuses offsets, blanks and names that are no zone", () => {
    for (const name of ["+02:00", "UTC+2", "GMT-5", "", "  ", "Mars/Olympus_Mons", "Europe"])
      expect(canonicalTimeZone(name), name).toBeNull();
  });
});
