import { describe, expect, it } from "vitest";
import { bucketForDpd } from "../loans/delinquency-bucket.js";
import { type BucketInterval, bucketHistory } from "./bucket-history.js";
import { dpdTimeline } from "./days-past-due.js";
import type { PaymentEvent, ScheduleItem } from "./loan-history.js";
import { addDays } from "./money-and-days.js";
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

  it("equals the bucket of every single day, for loans paid on time, late, partly, ahead and reversed", () => {
    // The history read day by day from the first due date: what bucketHistory must give while checking
    // only the days a bucket can change on.
    const dayByDay = (h: Parameters<typeof bucketHistory>[0]): BucketInterval[] => {
      const due = h.schedule.map((s) => s.dueDate).filter((d) => d <= h.asOfDate);
      if (due.length === 0) return [];
      const dpdAt = dpdTimeline(h, h.asOfDate);
      const out: BucketInterval[] = [];
      for (let day = due.sort()[0] as string; day <= h.asOfDate; day = addDays(day, 1)) {
        const bucket = bucketForDpd(dpdAt(day));
        const open = out.at(-1);
        if (open?.bucket === bucket) continue;
        if (open) open.leftOn = day;
        out.push({ bucket, enteredOn: day, leftOn: null });
      }
      return out;
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let loan = 0; loan < 300; loan++) {
      const months = 3 + Math.floor(random() * 10);
      const s: ScheduleItem[] = Array.from({ length: months }, (_, m) => ({
        sequence: m + 1,
        dueDate: addDays("2024-01-05", m * 30),
        amountDue: "100",
      }));
      const payments: PaymentEvent[] = [];
      for (const item of s) {
        const r = random();
        if (r < 0.15) continue; // missed
        const late = r < 0.5 ? Math.floor(random() * 120) - 5 : 0; // early, on time or up to 4 months late
        const amount = random() < 0.1 ? "50" : random() < 0.1 ? "250" : "100";
        payments.push(pay(`${loan}-${item.sequence}`, addDays(item.dueDate, late), amount));
      }
      if (payments.length > 0 && random() < 0.1) {
        const reversed = payments[Math.floor(random() * payments.length)] as PaymentEvent;
        payments.push({
          key: `${reversed.key}-r`,
          type: "REVERSAL",
          amount: reversed.amount,
          paidAt: `${addDays(reversed.paidAt.slice(0, 10), 20)}T09:00:00Z`,
          reverses: reversed.key,
        });
      }
      const h = { asOfDate: addDays("2024-01-05", Math.floor(random() * 420)), schedule: s, payments };
      expect(bucketHistory(h), `loan ${loan}`).toEqual(dayByDay(h));
    }
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
