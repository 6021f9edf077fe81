import { describe, expect, it } from "vitest";
import { fractionOfPercent, percentText } from "./policyPercent";

describe("propensity bounds as percentages", () => {
  it("shows a stored share as the percentage it is, without floating-point noise", () => {
    expect(percentText(0.5)).toBe("50");
    expect(percentText(0.15)).toBe("15"); // 0.15 * 100 is 15.000000000000002
    expect(percentText(0.07)).toBe("7");
    expect(percentText(0.125)).toBe("12.5");
    expect(percentText(0.0005)).toBe("0.05");
    expect(percentText(0)).toBe("0");
    expect(percentText(1)).toBe("100");
    expect(percentText(1e-7)).toBe("1e-5");
  });

  it("reads a typed percentage as the share it names", () => {
    expect(fractionOfPercent("15")).toBe(0.15);
    expect(fractionOfPercent(" 50 ")).toBe(0.5);
    expect(fractionOfPercent("12.5")).toBe(0.125);
    expect(fractionOfPercent("0.05")).toBe(0.0005);
    expect(fractionOfPercent("100")).toBe(1);
    expect(fractionOfPercent("1e-5")).toBe(1e-7);
  });

  it("gives back exactly the share it showed, for any share a policy can hold", () => {
    const shares = [0, 1, 0.15, 0.29, 0.57, 0.58, 0.1 + 0.2, 0.123456789, 1 / 3, 2 / 3, 1e-7, 0.999999];
    for (let i = 0; i <= 1000; i++) shares.push(i / 1000, i / 997);
    const changed = shares.filter((s) => fractionOfPercent(percentText(s)) !== s);
    expect(changed).toEqual([]);
  });
});
