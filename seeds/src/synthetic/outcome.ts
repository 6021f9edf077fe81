import { PAY_OUTCOME, paysEnough } from "../../../server/src/modules/features/collection-outcomes.js";
import { COLLECTION_PATHS, OUTCOME_DEFAULT_DPD, PAY_TRUTH_FORKS, PD_PATHS } from "./assumptions.js";
import type { Rng } from "./rng.js";
import { advance, cloneState, type LoanContext, type LoanState } from "./simulate-loan.js";

export interface GroundTruth {
  /** The realised future: 90+ days past due at some day in (as-of, as-of + horizon]. */
  defaulted: boolean;
  dpdAtHorizon: number;
  worstDpd: number;
  /** Share of PD_PATHS other simulated futures from the same as-of state that default: the loan's latent PD. */
  pd: number;
}

function runFuture(ctx: LoanContext, from: LoanState, rng: Rng): { worst: number; atHorizon: number } {
  const s = cloneState(from);
  s.worstDpd = 0;
  advance(ctx, s, rng, null, ctx.horizonDay);
  const atHorizon = s.ledger.dpdAt(ctx.horizonDay);
  return { worst: Math.max(s.worstDpd, atHorizon), atHorizon: s.closedDay !== null ? 0 : atHorizon };
}

/**
 * Runs the loan on past the as-of date: one future is its outcome, the others (independent draws of the
 * same dynamics from the same state) estimate the probability of that outcome. Nothing after the as-of date
 * is written; only the label and the estimate are.
 */
export function groundTruth(ctx: LoanContext, atAsOf: LoanState, rng: Rng): GroundTruth {
  const realised = runFuture(ctx, atAsOf, rng.fork(0));
  let defaults = 0;
  for (let i = 1; i <= PD_PATHS; i++) {
    if (runFuture(ctx, atAsOf, rng.fork(i)).worst >= OUTCOME_DEFAULT_DPD) defaults++;
  }
  return {
    defaulted: realised.worst >= OUTCOME_DEFAULT_DPD,
    dpdAtHorizon: realised.atHorizon,
    worstDpd: realised.worst,
    pd: Math.round((defaults / PD_PATHS) * 10_000) / 10_000,
  };
}

/**
 * The probability that a loan past due at the end of `day` pays enough of what is overdue (PAY_OUTCOME)
 * within the window after it: the share of COLLECTION_PATHS futures from that day's state that do. Null when
 * nothing is overdue. Overdue is what fell due before the day, as the platform counts it.
 */
export function propensityTruth(ctx: LoanContext, state: LoanState, rng: Rng, day: number): number | null {
  const overdue = state.ledger.unpaidUpTo(day - 1);
  if (overdue <= 0 || state.closedDay !== null) return null;
  let paying = 0;
  for (let i = 1; i <= COLLECTION_PATHS; i++) {
    const future = cloneState(state);
    advance(ctx, future, rng.fork(PAY_TRUTH_FORKS + i), null, day + PAY_OUTCOME.windowDays);
    if (paysEnough(future.ledger.totalPaid - state.ledger.totalPaid, overdue)) paying++;
  }
  return Math.round((paying / COLLECTION_PATHS) * 10_000) / 10_000;
}
