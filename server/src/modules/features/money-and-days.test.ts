import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "./money-and-days.js";

const DAY_MS = 86_400_000;
const viaDate = {
  addDays: (day: string, n: number) =>
    new Date(Date.parse(day.slice(0, 10)) + n * DAY_MS).toISOString().slice(0, 10),
  daysBetween: (a: string, b: string) =>
    Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / DAY_MS),
};

describe("day arithmetic", () => {
  it("agrees with the calendar on every day from 1899 to 2101, leap days and century years included", () => {
    const offsets = [-400, -366, -365, -60, -31, -29, -1, 0, 1, 15, 28, 29, 30, 31, 59, 90, 365, 366, 1461];
    const wrong: string[] = [];
    let checked = 0;
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 11, 31); t += DAY_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      for (const n of offsets) {
        const expected = viaDate.addDays(day, n);
        if (addDays(day, n) !== expected) wrong.push(`addDays(${day}, ${n}) = ${addDays(day, n)}`);
        if (daysBetween(day, expected) !== n) wrong.push(`daysBetween(${day}, ${expected})`);
        checked++;
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(1_400_000);
  });

  it("reads instants by their UTC day and handles what Date handles the same way", () => {
    expect(daysBetween("2026-01-31T23:59:59.999Z", "2026-03-01T00:00:00Z")).toBe(29);
    expect(addDays("2024-02-28T10:00:00Z", 1)).toBe("2024-02-29");
    // A day past the month's end rolls over, as Date.parse does.
    expect(addDays("2026-02-30", 0)).toBe(viaDate.addDays("2026-02-30", 0));
    // Outside years 0000-9999 and fractional offsets take the Date way.
    expect(addDays("9999-12-31", 1)).toBe(viaDate.addDays("9999-12-31", 1));
    expect(addDays("2026-01-01", 0.5)).toBe(viaDate.addDays("2026-01-01", 0.5));
    expect(daysBetween("0000-01-01", "0001-01-01")).toBe(viaDate.daysBetween("0000-01-01", "0001-01-01"));
    // Not a date: the same NaN and the same error as before.
    expect(daysBetween("not a day", "2026-01-01")).toBeNaN();
    expect(() => addDays("2026-13-01", 1)).toThrow(RangeError);
    expect(() => addDays("garbage", 1)).toThrow(RangeError);
  });
});
