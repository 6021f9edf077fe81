import { describe, expect, it } from "vitest";
import { payOutcome, snapshotDays } from "../../../server/src/modules/features/collection-outcomes.js";
import { daysPastDue } from "../../../server/src/modules/features/days-past-due.js";
import type {
  LoanHistory,
  PaymentEvent,
  ScheduleItem,
} from "../../../server/src/modules/features/loan-history.js";
import { allocatePayments } from "../../../server/src/modules/features/payment-allocation.js";
import { promiseState } from "../../../server/src/modules/features/promise-status.js";
import { bucketForDpd } from "../../../server/src/modules/loans/delinquency-bucket.js";
import { FLAGS } from "./assumptions.js";
import { PLACES_BY_ZONE } from "./places.js";
import { generatePortfolio, PortfolioDigest, planPortfolio, type SyntheticBatch } from "./portfolio.js";

// biome-ignore lint/suspicious/noExplicitAny: staged rows are loosely typed records
type Row = Record<string, any>;

function digest(loans: number, seed: number, batchSize: number): string {
  const d = new PortfolioDigest();
  for (const batch of generatePortfolio(planPortfolio({ loans, seed }), batchSize)) d.update(batch);
  return d.hex();
}

function collect(loans: number, seed = 3): SyntheticBatch[] {
  return [...generatePortfolio(planPortfolio({ loans, seed }), 1000)];
}

const rowsOf = (batches: SyntheticBatch[], entity: keyof SyntheticBatch["staged"]): Row[] =>
  batches.flatMap((b) => (b.staged[entity] ?? []).map((r) => r.row as Row));

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const list = m.get(r[key]);
    if (list) list.push(r);
    else m.set(r[key], [r]);
  }
  return m;
}

describe("synthetic portfolio generator", () => {
  const AS_OF = "2026-10-31";
  const batches = collect(4000);
  const loans = rowsOf(batches, "loan");
  const positions = new Map(batches.flatMap((b) => b.positions).map((p) => [p.key, p]));

  it("gives the same data for the same seed and size, whatever the batch size", () => {
    const a = digest(1500, 11, 7);
    expect(digest(1500, 11, 500)).toBe(a);
    expect(digest(1500, 12, 500)).not.toBe(a);
  }, 60_000);

  it("writes exactly the number of loans asked for", () => {
    expect(loans).toHaveLength(4000);
  });

  it("gives borrowers people's names and contact details that reach nobody", () => {
    const borrowers = rowsOf(batches, "borrower");
    for (const b of borrowers) {
      expect(b.fullName).toMatch(/^\p{Lu}[\p{L}'. -]+ \p{Lu}[\p{L}' -]+$/u);
      expect(b.fullName).not.toMatch(/Example|Sample|Placeholder|Testwell|Borrower/);
      expect(b.email).toMatch(/^[a-z0-9]+([._][a-z0-9]+)*@example\.(com|net|org)$/);
      // 555-0100..0199 is reserved for fiction in every area code.
      expect(b.phone).toMatch(/^\+1 [2-9]\d\d-555-01\d\d$/);
      expect(b.addressLine).toMatch(/^[1-9]\d* \S.*$/);
    }
    // Names and addresses vary as a real book's do: a few repeats, no small pool recycled.
    const distinct = (f: (b: Row) => string) => new Set(borrowers.map(f)).size / borrowers.length;
    expect(distinct((b) => b.fullName)).toBeGreaterThan(0.97);
    expect(distinct((b) => b.email)).toBeGreaterThan(0.97);
    expect(distinct((b) => `${b.addressLine}, ${b.city}`)).toBeGreaterThan(0.99);
    expect(new Set(borrowers.map((b) => b.timeZone)).size).toBeGreaterThan(5);
  });

  it("puts each borrower in a real city of their time zone, with its ZIP code and area code", () => {
    for (const b of rowsOf(batches, "borrower")) {
      const place = PLACES_BY_ZONE.get(b.timeZone)?.places.find(
        (p) => p.city === b.city && p.region === b.region,
      );
      expect(place, `${b.city}, ${b.region} in ${b.timeZone}`).toBeDefined();
      expect(place?.zips).toContain(b.postalCode);
      expect(place?.areaCodes).toContain(b.phone.slice(3, 6));
      expect(b.country).toBe("US");
    }
  });

  it("gives a borrower the same person whatever the portfolio's size", () => {
    const small = rowsOf(collect(300), "borrower");
    const large = new Map(rowsOf(batches, "borrower").map((b) => [b.externalKey, b]));
    expect(small.length).toBeGreaterThan(200);
    for (const b of small) expect(large.get(b.externalKey)).toEqual(b);
    const otherSeed = new Map(rowsOf(collect(300, 4), "borrower").map((b) => [b.externalKey, b]));
    const same = small.filter((b) => otherSeed.get(b.externalKey)?.fullName === b.fullName).length;
    expect(same).toBeLessThan(small.length / 20);
  });

  const schedules = groupBy(rowsOf(batches, "instalment"), "loanKey");
  const payments = groupBy(rowsOf(batches, "payment"), "loanKey");
  const promises = groupBy(rowsOf(batches, "promise"), "loanKey");
  /** The loan's schedule and payments as the feature layer reads them once stored. */
  const historyOf = (loanKey: string): { schedule: ScheduleItem[]; payments: PaymentEvent[] } => ({
    schedule: (schedules.get(loanKey) ?? []).map((s) => ({
      sequence: s.sequence,
      kind: s.kind,
      dueDate: s.dueDate,
      amountDue: s.amountDue,
      statementBalance: s.statementBalance,
    })),
    payments: (payments.get(loanKey) ?? []).map((p) => ({
      key: p.externalKey,
      type: p.type,
      amount: p.amount,
      paidAt: p.paidAt,
      reverses: p.reversesPaymentKey ?? null,
    })),
  });

  it("sets days past due, bucket and instalment payments exactly as the feature layer computes them", () => {
    let delinquent = 0;
    for (const loan of loans) {
      const { schedule, payments: pays } = historyOf(loan.externalKey);
      const dpd = daysPastDue({ schedule, payments: pays }, AS_OF);
      const position = positions.get(loan.externalKey);
      expect(position?.currentDpd, loan.externalKey).toBe(dpd);
      expect(position?.currentBucket).toBe(bucketForDpd(dpd));
      if (dpd > 0) delinquent++;

      const allocated = allocatePayments(schedule, pays, AS_OF).items;
      const stored = schedules.get(loan.externalKey) ?? [];
      allocated.forEach((item, i) => {
        const s = stored[i] as Row;
        expect(Math.round(Number(s.amountPaid) * 100), `${loan.externalKey} #${s.sequence}`).toBe(
          item.paidCents,
        );
        if (item.dueCents > 0) expect(s.paidDate).toBe(item.paidInFullOn);
      });
      for (const p of promises.get(loan.externalKey) ?? []) {
        expect(
          promiseState(
            { amount: p.amount, promisedDate: p.promisedDate, createdAt: p.createdAt },
            pays,
            AS_OF,
          ),
        ).toBe(p.status);
      }
      if (loan.status === "CLOSED") expect(dpd).toBe(0);
      if (dpd >= 90) expect(["DEFAULTED", "CHARGED_OFF"]).toContain(loan.status);
    }
    expect(delinquent).toBeGreaterThan(100);
  });

  it("has reversals and bounced debits that point at the payment they undo", () => {
    const pays = rowsOf(batches, "payment");
    const keys = new Set(pays.map((p) => `${p.loanKey}|${p.externalKey}`));
    const undoing = pays.filter((p) => p.type !== "PAYMENT");
    expect(undoing.some((p) => p.type === "BOUNCED_DEBIT")).toBe(true);
    expect(undoing.some((p) => p.type === "REVERSAL")).toBe(true);
    for (const p of undoing) expect(keys.has(`${p.loanKey}|${p.reversesPaymentKey}`)).toBe(true);
  });

  it("defaults more often as the latent risk rises", () => {
    const open = loans
      .filter((l) => l.status !== "CLOSED" && (positions.get(l.externalKey)?.currentDpd ?? 0) < 90)
      .map((l) => ({
        risk: l.attributes.groundTruth.latentRisk as number,
        defaulted: l.defaultLabel as boolean,
      }))
      .sort((a, b) => a.risk - b.risk);
    const third = Math.floor(open.length / 3);
    const rate = (xs: typeof open) => xs.filter((x) => x.defaulted).length / xs.length;
    const low = rate(open.slice(0, third));
    const mid = rate(open.slice(third, 2 * third));
    const high = rate(open.slice(2 * third));
    expect(low).toBeLessThanOrEqual(mid);
    expect(mid).toBeLessThan(high);
    expect(high).toBeGreaterThan(0.02);
    // The latent PD is calibrated to the realised outcome on average.
    const meanPd = loans.reduce((s, l) => s + l.attributes.groundTruth.pd90, 0) / loans.length;
    const realised = loans.filter((l) => l.defaultLabel).length / loans.length;
    expect(Math.abs(meanPd - realised)).toBeLessThan(0.015);
  });

  it("knows the true probability of each collection outcome, as the platform counts the outcome", () => {
    const pay = { rows: 0, truth: 0, paid: 0, unknown: 0, highPaid: 0, high: 0, lowPaid: 0, low: 0 };
    const kept = { rows: 0, truth: 0, kept: 0 };
    for (const loan of loans) {
      const truth = loan.attributes.groundTruth;
      if (!truth) continue;
      const history: LoanHistory = {
        asOfDate: AS_OF,
        loan: { productType: loan.productType },
        borrower: {},
        ...historyOf(loan.externalKey),
      };
      for (const t of truth.propensityToPay as { asOfDate: string; probability: number }[]) {
        expect(snapshotDays(AS_OF)).toContain(t.asOfDate);
        expect(t.probability).toBeGreaterThanOrEqual(0);
        expect(t.probability).toBeLessThanOrEqual(1);
        const outcome = payOutcome(history, t.asOfDate);
        // A payment bounced between the snapshot and the as-of date counts on the platform until it bounces.
        if (outcome === null) {
          pay.unknown++;
          continue;
        }
        pay.rows++;
        pay.truth += t.probability;
        if (outcome) pay.paid++;
        if (t.probability >= 0.5) {
          pay.high++;
          if (outcome) pay.highPaid++;
        } else {
          pay.low++;
          if (outcome) pay.lowPaid++;
        }
      }
      for (const p of promises.get(loan.externalKey) ?? []) {
        if (p.status === "PENDING") continue;
        const probability = truth.promiseKept[p.externalKey] as number;
        expect(probability, p.externalKey).toBeGreaterThanOrEqual(0);
        expect(probability).toBeLessThanOrEqual(1);
        kept.rows++;
        kept.truth += probability;
        if (p.status === "KEPT") kept.kept++;
      }
    }
    expect(pay.rows).toBeGreaterThan(500);
    expect(pay.unknown).toBeLessThan(pay.rows / 50);
    // Calibrated on average (the realised path is one more draw from the same futures), and informative.
    expect(Math.abs(pay.truth / pay.rows - pay.paid / pay.rows)).toBeLessThan(0.04);
    expect(pay.highPaid / pay.high).toBeGreaterThan(pay.lowPaid / pay.low + 0.2);
    expect(kept.rows).toBeGreaterThan(300);
    expect(Math.abs(kept.truth / kept.rows - kept.kept / kept.rows)).toBeLessThan(0.05);
  });

  it("sets suppression flags at their configured rates", () => {
    const flags = rowsOf(batches, "borrowerSuppression");
    const share = (f: (r: Row) => boolean) => flags.filter(f).length / flags.length;
    // Binomial tolerance: four standard errors around each configured rate, plus a little for the risk tilt.
    const within = (observed: number, rate: number) =>
      expect(Math.abs(observed - rate)).toBeLessThan(
        4 * Math.sqrt((rate * (1 - rate)) / flags.length) + 0.001,
      );
    within(
      share((r) => r.doNotContact),
      FLAGS.doNotContact.rate,
    );
    within(
      share((r) => r.disputeFlag),
      FLAGS.dispute.rate,
    );
    within(
      share((r) => r.bankruptcyFlag),
      FLAGS.bankruptcy.rate,
    );
    within(
      share((r) => r.deceasedFlag),
      FLAGS.deceased.rate,
    );
    within(
      share((r) => r.legalHold),
      FLAGS.legalHold.rate,
    );
    const optedOut = share((r) => r.contactOptOuts.length > 0);
    expect(optedOut).toBeGreaterThan(0.04);
    expect(optedOut).toBeLessThan(0.12);
  });

  it("never contacts a suppressed borrower outbound, nor on a channel they opted out of", () => {
    const flags = new Map(rowsOf(batches, "borrowerSuppression").map((r) => [r.externalKey, r]));
    for (const c of rowsOf(batches, "communication")) {
      if (c.direction !== "OUTBOUND") continue;
      const f = flags.get(c.borrowerKey) as Row;
      expect(f.doNotContact || f.deceasedFlag || f.bankruptcyFlag || f.legalHold).toBe(false);
      expect(f.contactOptOuts).not.toContain(c.channel);
    }
  });

  it("gives the loan's agent a task where a person must act, and never a reminder (the system sends those)", () => {
    const tasks = batches.flatMap((b) => b.tasks);
    const needing = loans.filter(
      (l) => (positions.get(l.externalKey)?.currentDpd ?? 0) >= 15 && l.status !== "CLOSED",
    );
    const early = loans.filter((l) => {
      const dpd = positions.get(l.externalKey)?.currentDpd ?? 0;
      return dpd > 0 && dpd < 15 && l.status !== "CLOSED";
    });
    expect(needing.length).toBeGreaterThan(0);
    expect(early.length).toBeGreaterThan(0);
    const byLoan = new Map(tasks.map((t) => [t.loanKey, t]));
    for (const l of needing) expect(byLoan.has(l.externalKey)).toBe(true);
    // Early arrears get a task only when a suppression flag sends them to a recovery manager.
    for (const l of early) {
      const t = byLoan.get(l.externalKey);
      if (t) expect(t.actionType).toBe("ESCALATE_TO_RECOVERY_MANAGER");
    }
    expect(early.filter((l) => byLoan.has(l.externalKey)).length).toBeLessThan(early.length);
    expect(new Set(tasks.map((t) => t.actionType))).not.toContain("SMS_REMINDER");
    expect(tasks.some((t) => t.agentEmail === "agent@creditpath.local")).toBe(true);
  });
});
