import { describe, expect, it } from "vitest";
import type { PaymentEvent, PromiseEvent } from "./loan-history.js";
import { arrangementCondition, latestPromiseState, promiseStates } from "./promise-status.js";

const pay = (key: string, day: string, amount: string): PaymentEvent => ({
  key,
  type: "PAYMENT",
  amount,
  paidAt: `${day}T10:00:00Z`,
});
const plan = (id: string, made: string, ...instalments: [string, string][]): PromiseEvent[] =>
  instalments.map(([promisedDate, amount]) => ({
    amount,
    promisedDate,
    createdAt: `${made}T09:00:00Z`,
    arrangementId: id,
  }));

describe("arrangement instalments, judged like promises", () => {
  const instalments = plan("a1", "2025-03-01", ["2025-03-10", "100.00"], ["2025-04-10", "100.00"]);

  it("does not let one payment keep two instalments", () => {
    const payments = [pay("p1", "2025-03-09", "100.00")];
    expect(promiseStates(instalments, payments, "2025-04-20")).toEqual(["KEPT", "BROKEN"]);
    expect(promiseStates(instalments, payments, "2025-04-05")).toEqual(["KEPT", "PENDING"]);
  });

  it("keeps the next instalment once the running total is paid, early payments included", () => {
    const payments = [pay("p1", "2025-03-09", "150.00"), pay("p2", "2025-04-08", "50.00")];
    expect(promiseStates(instalments, payments, "2025-04-20")).toEqual(["KEPT", "KEPT"]);
  });

  it("leaves standalone promises to the promise rule", () => {
    const promise: PromiseEvent = {
      amount: "80.00",
      promisedDate: "2025-03-10",
      createdAt: "2025-03-01T09:00:00Z",
    };
    expect(promiseStates([promise], [pay("p1", "2025-03-11", "80.00")], "2025-03-20")).toEqual(["KEPT"]);
  });

  it("tells the policy whether the latest arrangement is on track, broken or done", () => {
    const history = (asOfDate: string, payments: PaymentEvent[]) => ({
      asOfDate,
      payments,
      promises: instalments,
    });
    expect(arrangementCondition(history("2025-03-05", []))).toBe("ON_TRACK");
    expect(arrangementCondition(history("2025-03-20", []))).toBe("BROKEN");
    expect(arrangementCondition(history("2025-04-05", [pay("p1", "2025-03-09", "100.00")]))).toBe("ON_TRACK");
    expect(arrangementCondition(history("2025-04-20", [pay("p1", "2025-03-09", "200.00")]))).toBe("NONE");
    // Not yet agreed as of the date, and instalments are not the loan's "latest promise".
    expect(arrangementCondition(history("2025-02-20", []))).toBe("NONE");
    expect(latestPromiseState(history("2025-03-20", []))).toBe("NONE");
  });

  it("judges the newest arrangement when one replaced another", () => {
    const old = plan("old", "2025-01-01", ["2025-01-10", "100.00"]);
    expect(
      arrangementCondition({ asOfDate: "2025-03-05", payments: [], promises: [...old, ...instalments] }),
    ).toBe("ON_TRACK");
  });
});
