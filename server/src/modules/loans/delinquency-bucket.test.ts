import { describe, expect, it } from "vitest";
import { bucketForDpd } from "./delinquency-bucket.js";

describe("bucketForDpd", () => {
  it.each([
    [0, "CURRENT"],
    [1, "DPD_1_14"],
    [14, "DPD_1_14"],
    [15, "DPD_15_29"],
    [29, "DPD_15_29"],
    [30, "DPD_30_59"],
    [59, "DPD_30_59"],
    [60, "DPD_60_89"],
    [89, "DPD_60_89"],
    [90, "DPD_90_PLUS"],
    [400, "DPD_90_PLUS"],
  ])("puts %i days past due in %s", (dpd, bucket) => {
    expect(bucketForDpd(dpd)).toBe(bucket);
  });

  it("rejects negative or non-numeric days past due", () => {
    expect(() => bucketForDpd(-1)).toThrow(/must be 0 or more, got -1/);
    expect(() => bucketForDpd(Number.NaN)).toThrow(RangeError);
  });
});
