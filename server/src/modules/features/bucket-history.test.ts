import { describe, expect, it } from "vitest";
import { bucketHistory } from "./bucket-history.js";
import type { PaymentEvent, ScheduleItem } from "./loan-history.js";
import { rollRates } from "./roll-rates.js";

const schedule: ScheduleItem[] = [1, 2, 3].map((m) => ({
  sequence: m,
  dueDate: `2025-0${m}-01`,
  amountDue: "100",
}));
const pay = (key: string, day: string, amount = "100"): PaymentEvent => ({
  key,
  type: "PAYMENT",
  amount,
  paidAt: `${day}T09:00:00Z`,
});

describe("bucketHistory", () => {
  it("records each bucket a loan entered and left, to the day", () => {
    // January paid 10 days late; February never paid; as of March 10.
    const intervals = bucketHistory({
      asOfDate: "2025-03-10",
      schedule,
      payments: [pay("p1", "2025-01-11")],
    });
    expect(intervals).toEqual([
      { bucket: "CURRENT", enteredOn: "2025-01-01", leftOn: "2025-01-02" },
      { bucket: "DPD_1_14", enteredOn: "2025-01-02", leftOn: "2025-01-11" },
      { bucket: "CURRENT", enteredOn: "2025-01-11", leftOn: "2025-02-02" },
      { bucket: "DPD_1_14", enteredOn: "2025-02-02", leftOn: "2025-02-16" },
      { bucket: "DPD_15_29", enteredOn: "2025-02-16", leftOn: "2025-03-03" },
      { bucket: "DPD_30_59", enteredOn: "2025-03-03", leftOn: null },
    ]);
  });

  it("moves with the as-of date and with payments that arrive", () => {
    const before = bucketHistory({ asOfDate: "2025-02-20", schedule, payments: [pay("p1", "2025-01-01")] });
    expect(before.at(-1)).toEqual({ bucket: "DPD_15_29", enteredOn: "2025-02-16", leftOn: null });
    const cured = bucketHistory({
      asOfDate: "2025-02-20",
      schedule,
      payments: [pay("p1", "2025-01-01"), pay("p2", "2025-02-18")],
    });
    expect(cured.at(-1)).toEqual({ bucket: "CURRENT", enteredOn: "2025-02-18", leftOn: null });
  });

  it("is empty for a loan with nothing due yet", () => {
    expect(bucketHistory({ asOfDate: "2024-12-31", schedule, payments: [] })).toEqual([]);
  });
});

describe("rollRates", () => {
  it("counts month-on-month moves between buckets and the cure rate", () => {
    const late = bucketHistory({ asOfDate: "2025-03-10", schedule, payments: [pay("p1", "2025-01-11")] });
    const cures = bucketHistory({
      asOfDate: "2025-03-10",
      schedule,
      payments: [pay("p1", "2025-01-01"), pay("p2", "2025-02-25"), pay("p3", "2025-03-01")],
    });
    // Jan 1 -> Feb 1: both CURRENT to CURRENT (on Feb 1 February is due that very day, not yet past due).
    // Feb 1 -> Mar 1: `late` reaches 28 days past due (15-29); `cures` paid February on Feb 25 (CURRENT).
    const m = rollRates([late, cures], "2025-01-01", "2025-03-01");
    expect(m.counts.CURRENT.CURRENT).toBe(3); // both in January, `cures` in February
    expect(m.counts.CURRENT.DPD_15_29).toBe(1);
    expect(m.rates.CURRENT.DPD_15_29).toBeCloseTo(1 / 4);
    expect(m.cureRate).toBeNull(); // no loan-month started delinquent
  });

  it("gives the share of delinquent loan-months that ended current", () => {
    const s: ScheduleItem[] = [1, 2, 3, 4].map((m) => ({
      sequence: m,
      dueDate: `2025-0${m}-15`,
      amountDue: "100",
    }));
    // Delinquent on Mar 1 (Feb 15 unpaid); pays everything on Mar 20: current on Apr 1.
    const cured = bucketHistory({
      asOfDate: "2025-04-10",
      schedule: s,
      payments: [pay("a", "2025-01-15"), pay("b", "2025-03-20", "200")],
    });
    // Delinquent on Mar 1 and still on Apr 1.
    const stuck = bucketHistory({ asOfDate: "2025-04-10", schedule: s, payments: [pay("a", "2025-01-15")] });
    const m = rollRates([cured, stuck], "2025-03-01", "2025-04-01");
    expect(m.counts.DPD_1_14.CURRENT).toBe(1);
    expect(m.counts.DPD_1_14.DPD_30_59).toBe(1);
    expect(m.cureRate).toBe(0.5);
  });
});
