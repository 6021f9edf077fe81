import { describe, expect, it } from "vitest";
import { parseDateTime, parseDecimal, parseInteger, parseMoney } from "./field-parsers.js";

describe("typed cells", () => {
  it("reads an amount as whole cents, written with two decimals, within NUMERIC(14,2)", () => {
    expect(
      ["150", "150.5", "0150.50", "+7", "-0.00", "1.2e3", "999999999999.99", "12.340"].map(parseMoney),
    ).toEqual(
      ["150.00", "150.50", "150.50", "7.00", "0.00", "1200.00", "999999999999.99", "12.34"].map((value) => ({
        ok: true,
        value,
      })),
    );
    expect(parseMoney("-12.5")).toEqual({ ok: true, value: "-12.50" });
    expect(parseMoney("12.345")).toEqual({
      ok: false,
      error: '"12.345" has more than two decimals: an amount is in whole cents, e.g. 150.25',
    });
    expect(parseMoney("1e-7")).toMatchObject({ ok: false, error: expect.stringContaining("two decimals") });
    for (const big of ["1000000000000", "1e21", "1e400"])
      expect(parseMoney(big)).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
    expect(parseMoney("NA")).toMatchObject({
      ok: false,
      error: expect.stringContaining('"NA" is not a number'),
    });
  });

  it("refuses a number too large to be one, and a whole count that does not fit an integer column", () => {
    expect(parseDecimal("1e400")).toEqual({ ok: false, error: '"1e400" is too large to be a number' });
    expect(parseInteger("36.0")).toEqual({ ok: true, value: 36 });
    expect(parseInteger("36.5")).toEqual({ ok: false, error: '"36.5" is not a whole number' });
    expect(parseInteger("2147483648")).toEqual({
      ok: false,
      error: '"2147483648" is too large (at most 2147483647)',
    });
  });

  it("refuses times of day that do not exist instead of rolling them over", () => {
    expect(parseDateTime("2025-03-31T23:59:59Z")).toEqual({ ok: true, value: "2025-03-31T23:59:59.000Z" });
    for (const t of [
      "2025-03-31T24:00:00Z",
      "2025-03-31T12:60:00Z",
      "2025-03-31T12:00:60Z",
      "2025-02-29T10:00:00Z",
    ])
      expect(parseDateTime(t)).toEqual({ ok: false, error: `"${t}" is not a real date and time` });
  });
});
