import type { Prisma } from "../../generated/prisma/client.js";
import { PortfolioKind } from "../../generated/prisma/enums.js";

/**
 * Which portfolios people work: OPERATIONAL ones. REFERENCE portfolios (public data sets kept for training
 * and benchmarks) are scored and exported, but appear in no list and get no task. The one definition of it:
 * every list of loans or tasks filters with these.
 */
export function isWorked(kind: PortfolioKind): boolean {
  return kind === PortfolioKind.OPERATIONAL;
}

/** Loans of worked portfolios. */
export const WORKED_LOANS = {
  portfolio: { kind: PortfolioKind.OPERATIONAL },
} as const satisfies Prisma.LoanWhereInput;

/** The kinds as the command line spells them (`--kind operational|reference`), from the Prisma enum. */
export const KIND_CHOICES = Object.values(PortfolioKind).map((k) => k.toLowerCase());

/** A `--kind` value to the enum; the error names the bad value and the valid ones. */
export function parsePortfolioKind(value: string): PortfolioKind {
  const kind = Object.values(PortfolioKind).find((k) => k === value.toUpperCase());
  if (!kind) throw new Error(`unknown portfolio kind "${value}": use ${KIND_CHOICES.join(" or ")}`);
  return kind;
}
