import { describe, expect, it } from "vitest";
import { settledPromises } from "./promise-sweep.js";
import { arrangementProblems, balanceProblem, dayProblem, totalOf } from "./promise-terms.js";

const TODAY = "2026-12-01";
const rule = { keptTolerance: 0.95, graceDays: 2 };

describe("promise terms", () => {
  it("accepts today up to the horizon and names the limits otherwise", () => {
    expect(dayProblem("promisedDate", TODAY, TODAY, 30)).toBeNull();
    expect(dayProblem("promisedDate", "2026-12-31", TODAY, 30)).toBeNull();
    expect(dayProblem("promisedDate", "2027-01-01", TODAY, 30)).toBe(
      "promisedDate: 2027-01-01 is more than 30 days ahead: give a day up to 2026-12-31",
    );
    expect(dayProblem("promisedDate", "2026-11-30", TODAY, 30)).toContain("is in the past");
  });

  it("compares amounts in cents, and cannot check an unknown balance", () => {
    expect(balanceProblem("amount", "100.10", "100.10")).toBeNull();
    expect(balanceProblem("amount", "100.11", "100.10")).toContain("above the loan's outstanding balance");
    expect(balanceProblem("amount", "5000", null)).toBeNull();
  });

  it("takes a settlement below the balance, and a plan up to it", () => {
    expect(
      arrangementProblems("SETTLEMENT", [{ amount: "400", dueDate: "2026-12-10" }], TODAY, 365, "1000"),
    ).toEqual([]);
    const plan = [
      { amount: "0.1", dueDate: "2026-12-10" },
      { amount: "0.2", dueDate: "2027-01-10" },
    ];
    expect(totalOf(plan)).toBe("0.30");
    expect(arrangementProblems("PAYMENT_PLAN", plan, TODAY, 365, "0.30")).toEqual([]);
    expect(arrangementProblems("PAYMENT_PLAN", plan, TODAY, 365, "0.29")).toHaveLength(1);
  });
});

describe("the sweep's settlement of a loan", () => {
  const base = { loanId: "l", asOfDate: "2025-06-30", payments: [] };
  const promise = (key: string, promisedDate: string, createdAt: string, status = "PENDING") => ({
    key,
    status,
    amount: "100.00",
    promisedDate,
    createdAt: `${createdAt}T09:00:00Z`,
  });

  it("settles pending promises whose window closed, and leaves the rest", () => {
    const loan = {
      ...base,
      promises: [
        promise("broken", "2025-06-10", "2025-06-01"),
        promise("open", "2025-06-29", "2025-06-01"),
        promise("judged-earlier", "2025-06-10", "2025-06-01", "BROKEN"),
        promise("made-after-as-of", "2025-06-10", "2025-07-02"),
      ],
    };
    expect(settledPromises(loan, rule)).toEqual([{ id: "broken", status: "BROKEN" }]);
    const paid = {
      ...loan,
      payments: [{ key: "p", type: "PAYMENT" as const, amount: "100.00", paidAt: "2025-06-20T10:00:00Z" }],
    };
    // A payment after the first window closed keeps the later promise, not the broken one.
    expect(settledPromises(paid, rule)).toEqual([
      { id: "broken", status: "BROKEN" },
      { id: "open", status: "KEPT" },
    ]);
  });
});
