import type { UserPrincipal } from "../../core/auth/principal.js";
import type { DelinquencyBucket } from "../../generated/prisma/enums.js";
import { addDays } from "../features/money-and-days.js";
import {
  emptyTransitionCounts,
  monthWindows,
  rollForwardRate,
  rollRatesFromCounts,
  type TransitionCounts,
} from "../features/roll-rates.js";
import { dashboardScope } from "./dashboard-scope.js";
import type {
  PortfolioSummaryRepository,
  PromiseCountRow,
  TransitionRow,
} from "./portfolio-summary.repository.js";
import type {
  MonthFigures,
  PortfolioSummary,
  PortfolioSummaryArgs,
  PromiseFigures,
  RollRates,
} from "./portfolio-summary.types.js";

/** The first day of the month `months - 1` months before the as-of date's month. */
export function firstMonthStart(asOf: string, months: number): string {
  const d = new Date(`${asOf.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - (months - 1));
  return d.toISOString().slice(0, 10);
}

const money = (text: string) => Number(text);

function countsOf(rows: readonly TransitionRow[]): TransitionCounts {
  const counts = emptyTransitionCounts();
  for (const r of rows) counts[r.fromBucket][r.toBucket] += r.loans;
  return counts;
}

function promiseFigures(rows: readonly PromiseCountRow[]): PromiseFigures {
  const n = (status: PromiseCountRow["status"]) => rows.find((r) => r.status === status)?.promises ?? 0;
  const kept = n("KEPT");
  const broken = n("BROKEN");
  return {
    pending: n("PENDING"),
    kept,
    broken,
    cancelled: n("CANCELLED"),
    keptRate: kept + broken === 0 ? null : kept / (kept + broken),
  };
}

function rollRatesOf(from: string, to: string, rows: readonly TransitionRow[]): RollRates {
  const matrix = rollRatesFromCounts(from, to, countsOf(rows));
  const transitions = Object.entries(matrix.counts).flatMap(([a, row]) =>
    Object.entries(row)
      .filter(([, loans]) => loans > 0)
      .map(([b, loans]) => ({
        fromBucket: a as DelinquencyBucket,
        toBucket: b as DelinquencyBucket,
        loans,
        rate: matrix.rates[a as DelinquencyBucket][b as DelinquencyBucket],
      })),
  );
  return { from, to, cureRate: matrix.cureRate, transitions };
}

const EMPTY: Omit<PortfolioSummary, "promises"> = {
  asOfDate: null,
  from: null,
  openLoans: 0,
  balance: 0,
  byBucketAndTier: [],
  months: [],
  rollRates: null,
  topRiskyBorrowers: [],
};

/**
 * Portfolio health for supervisors (their team's loans) and managers and admins (every team, or one):
 * balances by bucket and tier, monthly collections, cure and roll rates, the riskiest borrowers and how
 * promises are kept. Every figure is an aggregate in PostgreSQL, so its cost does not grow in Node with the
 * portfolio.
 */
export class PortfolioSummaryService {
  constructor(private readonly repo: PortfolioSummaryRepository) {}

  async summary(principal: UserPrincipal, args: PortfolioSummaryArgs): Promise<PortfolioSummary> {
    const scope = await dashboardScope(principal, args, this.repo);
    const asOf = await this.repo.asOfDate(scope);
    if (!asOf) return { ...EMPTY, promises: promiseFigures([]) };
    const from = firstMonthStart(asOf, args.months);
    const windows = monthWindows(from, asOf);
    const [cells, money_, transitions, risky, promises] = await Promise.all([
      this.repo.bucketTier(scope),
      this.repo.monthlyDueAndCollected(scope, from, asOf),
      this.repo.transitions(scope, windows),
      this.repo.riskiest(scope, args.top),
      this.repo.promiseCounts(scope, from, asOf),
    ]);
    const byBucketAndTier = cells.map((c) => ({ ...c, balance: money(c.balance) }));
    return {
      asOfDate: asOf,
      from,
      openLoans: byBucketAndTier.reduce((s, c) => s + c.loans, 0),
      balance: Math.round(byBucketAndTier.reduce((s, c) => s + c.balance * 100, 0)) / 100,
      byBucketAndTier,
      months: monthFigures(from, asOf, windows, money_, transitions),
      rollRates: rollRatesOf(from, asOf, transitions),
      topRiskyBorrowers: risky.map((r) => ({
        ...r,
        daysPastDue: r.dpd,
        amountOverdue: money(r.amountOverdue),
      })),
      promises: promiseFigures(promises),
    };
  }
}

function monthFigures(
  from: string,
  asOf: string,
  windows: readonly [string, string][],
  moneyRows: readonly { month: string; due: string; collected: string }[],
  transitions: readonly TransitionRow[],
): MonthFigures[] {
  const out: MonthFigures[] = [];
  for (let start = from; start <= asOf; start = firstMonthStart(addDays(start, 40), 1)) {
    const month = start.slice(0, 7);
    const cash = moneyRows.find((r) => r.month === month);
    const due = money(cash?.due ?? "0");
    const collected = money(cash?.collected ?? "0");
    const inWindow = windows.some(([s]) => s === start) ? transitions.filter((t) => t.start === start) : [];
    const counts = countsOf(inWindow);
    out.push({
      month,
      due,
      collected,
      collectionRate: due === 0 ? null : collected / due,
      loansTracked: inWindow.reduce((s, t) => s + t.loans, 0),
      cureRate: rollRatesFromCounts(start, asOf, counts).cureRate,
      rollForwardRate: rollForwardRate(counts),
    });
  }
  return out;
}
