import { HISTORY_MONTHS, PRODUCT } from "./assumptions.js";
import type { BorrowerProfile } from "./borrowers.js";
import { gradeFor } from "./borrowers.js";
import { addMonths, dayOfMonth } from "./calendar.js";
import type { Rng } from "./rng.js";

const PURPOSES = [
  ["debt consolidation", 0.38],
  ["home improvement", 0.14],
  ["car", 0.16],
  ["medical", 0.07],
  ["education", 0.08],
  ["small business", 0.05],
  ["personal", 0.12],
] as const;

export interface LoanTerms {
  number: number;
  key: string;
  productType: "INSTALMENT" | "REVOLVING";
  openedDay: number;
  /** Day of the month the cycle turns on (due date of instalments, statement date of cards), at most 28. */
  anchorDay: number;
  grade: string;
  /** Annual percentage rate. */
  apr: number;
  purpose: string;
  principal: number | null;
  creditLimit: number | null;
  termMonths: number | null;
  /** Instalment in cents; the last one settles the rounding. */
  instalment: number | null;
}

export function loanKey(n: number): string {
  return `L${String(n).padStart(7, "0")}`;
}

/** Annuity instalment in cents for a principal in cents at a monthly rate over n months. */
export function annuity(principal: number, monthlyRate: number, n: number): number {
  if (monthlyRate === 0) return Math.ceil(principal / n);
  return Math.round((principal * monthlyRate) / (1 - (1 + monthlyRate) ** -n));
}

export function makeLoanTerms(
  rng: Rng,
  borrower: BorrowerProfile,
  n: number,
  asOfDay: number,
  product: "INSTALMENT" | "REVOLVING",
): LoanTerms {
  const opened = asOfDay - rng.int(31, Math.round(HISTORY_MONTHS * 30.44));
  // Cycles turn on the same day each month; day 29-31 would not exist in every month.
  const anchorDay = opened - Math.max(0, dayOfMonth(opened) - 28);
  const { grade, apr: gradeApr } = gradeFor(borrower.observedRisk);
  const apr = Math.round((gradeApr + rng.uniform(-1.5, 1.5)) * 100) / 100;
  if (product === "REVOLVING") {
    const limit =
      Math.round(
        Math.min(
          30_000,
          Math.max(500, borrower.annualIncome * PRODUCT.limitIncomeShare * rng.logNormal(1, 0.4)),
        ) / 100,
      ) * 100;
    return {
      number: n,
      key: loanKey(n),
      productType: "REVOLVING",
      openedDay: anchorDay,
      anchorDay,
      grade,
      apr,
      purpose: "credit card",
      principal: null,
      creditLimit: limit * 100,
      termMonths: null,
      instalment: null,
    };
  }
  const termMonths = rng.weighted(PRODUCT.termsMonths);
  const principal =
    Math.round(
      Math.min(60_000, Math.max(1_000, rng.logNormal(PRODUCT.principalMedian, PRODUCT.principalSigma))) / 50,
    ) *
    50 *
    100;
  return {
    number: n,
    key: loanKey(n),
    productType: "INSTALMENT",
    openedDay: anchorDay,
    anchorDay,
    grade,
    apr,
    purpose: rng.weighted(PURPOSES),
    principal,
    creditLimit: null,
    termMonths,
    instalment: annuity(principal, apr / 1200, termMonths),
  };
}

/** The m-th cycle day (m = 1 is one month after opening). */
export function cycleDay(terms: LoanTerms, m: number): number {
  return addMonths(terms.anchorDay, m);
}

/** Amount due of instalment m (the last one pays off what the rounding left), and the balance after it. */
export function instalmentDue(
  terms: LoanTerms,
  m: number,
  balanceBefore: number,
): { due: number; after: number } {
  const interest = Math.round((balanceBefore * terms.apr) / 1200);
  const instalment = terms.instalment as number;
  if (m >= (terms.termMonths as number) || balanceBefore + interest <= instalment) {
    return { due: balanceBefore + interest, after: 0 };
  }
  return { due: instalment, after: balanceBefore + interest - instalment };
}

/** A card's minimum payment on a statement balance (all of it when small). */
export function minimumDue(statementBalance: number): number {
  if (statementBalance <= 0) return 0;
  const floor = PRODUCT.minimumPaymentFloor * 100;
  return Math.min(
    statementBalance,
    Math.max(floor, Math.round(statementBalance * PRODUCT.minimumPaymentShare)),
  );
}
