import { describe, expect, it } from "vitest";
import { PLACES_BY_ZONE, placeIn, ZONE_WEIGHTS } from "./places.js";

// The first digit of a ZIP code is a group of states (the USPS national areas): a ZIP code listed under the
// wrong state, or mistyped, lands outside its state's group.
const ZIP_AREA: Record<string, string> = {
  "0": "CT MA ME NH NJ RI VT",
  "1": "DE NY PA",
  "2": "DC MD NC SC VA WV",
  "3": "AL FL GA MS TN",
  "4": "IN KY MI OH",
  "5": "IA MN MT ND SD WI",
  "6": "IL KS MO NE",
  "7": "AR LA OK TX",
  "8": "AZ CO ID NM NV UT WY",
  "9": "AK CA HI OR WA",
};

const places = [...PLACES_BY_ZONE.values()].flatMap((z) => z.places);

describe("the cities borrowers live in", () => {
  it("lists cities for every time zone a borrower is drawn in, and only those", () => {
    expect([...PLACES_BY_ZONE.keys()].sort()).toEqual(ZONE_WEIGHTS.map(([zone]) => zone).sort());
  });

  it("names real IANA time zones", () => {
    for (const zone of PLACES_BY_ZONE.keys())
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: zone })).not.toThrow();
  });

  it("gives each city five-digit ZIP codes of its own state's group, and valid area codes", () => {
    for (const p of places) {
      expect(p.zips.length, p.city).toBeGreaterThan(0);
      for (const zip of p.zips) {
        expect(zip).toMatch(/^\d{5}$/);
        expect(ZIP_AREA[zip.slice(0, 1)]?.split(" "), `${zip} in ${p.city}, ${p.region}`).toContain(p.region);
      }
      // A North American area code starts 2-9 and is not an N11 service code.
      for (const code of p.areaCodes) expect(code).toMatch(/^[2-9](?!11)\d\d$/);
      expect(p.hispanic + p.asian).toBeLessThan(1);
    }
    const zips = places.flatMap((p) => p.zips);
    expect(new Set(zips).size).toBe(zips.length);
  });

  it("picks cities in proportion to their population", () => {
    const counts = new Map<string, number>();
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const p = placeIn("America/Los_Angeles", (i + 0.5) / n);
      counts.set(p.city, (counts.get(p.city) ?? 0) + 1);
    }
    const zone = PLACES_BY_ZONE.get("America/Los_Angeles");
    const total = zone?.places.reduce((s, p) => s + p.weight, 0) ?? 0;
    for (const p of zone?.places ?? [])
      expect(Math.abs((counts.get(p.city) ?? 0) / n - p.weight / total)).toBeLessThan(0.001);
    expect(() => placeIn("Europe/Paris", 0.5)).toThrow(/no cities/);
  });
});
