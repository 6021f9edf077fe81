import { describe, expect, it } from "vitest";
import { searchTerms } from "./borrower-search.js";

describe("searchTerms", () => {
  it("looks for a reference in any case, a name anywhere, and a phone number by its digits", () => {
    expect(searchTerms("  +1 (555) 010-2030 ")).toEqual({
      reference: "+1 (555) 010-2030",
      namePattern: "%+1 (555) 010-2030%",
      phonePattern: "%15550102030%",
    });
    expect(searchTerms("Ana  María")).toEqual({
      reference: "ana maría",
      namePattern: "%Ana María%",
      phonePattern: null,
    });
  });

  it("does not search names by fewer than 3 characters, nor phones by fewer than 6 digits", () => {
    expect(searchTerms("Li")).toMatchObject({ reference: "li", namePattern: null, phonePattern: null });
    expect(searchTerms("12345")).toMatchObject({ phonePattern: null });
    expect(searchTerms("L-123456")).toMatchObject({ phonePattern: null }); // a reference, not a number
  });

  it("searches for LIKE wildcards as typed", () => {
    expect(searchTerms("50%_off\\")).toMatchObject({ namePattern: "%50\\%\\_off\\\\%" });
  });

  it("refuses text too short or too long, saying the limits", () => {
    for (const bad of ["", " x ", "y".repeat(101)]) {
      expect(() => searchTerms(bad)).toThrow(/query must have 2 to 100 characters/);
    }
  });
});
