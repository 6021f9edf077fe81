import type { ScoringSource } from "../../core/metrics/metrics.js";
import type { DelinquencyBucket } from "../../generated/prisma/enums.js";
import type { BorrowerContactProfile, PastContact } from "../contact-rules/contact-rules.js";
import type { OverdueFeatureName } from "../features/collection-features.js";
import type { FeatureVector } from "../features/feature-catalogue.js";
import type { ArrangementCondition, PromiseState } from "../features/promise-status.js";
import { bucketForDpd } from "../loans/delinquency-bucket.js";
import type { Policy } from "../recommendations/policy.js";
import { type RecommendationDraft, recommend } from "../recommendations/recommend.js";
import type { CollectionScore, CollectionScorer } from "./collection-scoring.js";
import type { Reason } from "./explain/reason-codes.js";
import { IN_DEFAULT_PD, isInDefault } from "./risk-tier.js";
import type { Score, ScoringService } from "./scoring.service.js";

/** What the decision needs of one loan, its features computed (from a stored or a posted history). */
export interface DecisionCase {
  vector: FeatureVector;
  dpd: number;
  /** Amount overdue on the day (collection-outcomes.ts), in the loan's currency. */
  overdue: number;
  promise: PromiseState | "NONE";
  /** The loan's payment arrangement, as the policy sees it. */
  arrangement: ArrangementCondition;
  balance: number | null;
  borrower: BorrowerContactProfile;
  /** Past contacts with the borrower (the contact rules count them across all of the borrower's loans). */
  contacts: readonly PastContact[];
}

/** A loan past due: its propensity to pay and what that is expected to recover (overdue x probability). */
export interface PropensityDecision {
  score: CollectionScore;
  overdue: number;
  expectedRecovery: number;
  /** What the propensity model saw: the loan's features with the amount overdue. */
  vector: Record<string, number | null>;
}

export interface LoanDecision {
  score: Score;
  dpd: number;
  bucket: DelinquencyBucket;
  /** Null when the loan is not past due or no propensity model serves. */
  propensity: PropensityDecision | null;
  recommendation: RecommendationDraft;
}

/** The models a decision uses: the probability of default, and the propensity to pay when one serves. */
export interface DecisionScorers {
  scoring: ScoringService;
  propensity?: CollectionScorer;
}

/** The propensity of each past-due case in one model run (none without a model), in the cases' order. */
async function propensities(
  scorer: CollectionScorer | undefined,
  cases: readonly DecisionCase[],
  source: ScoringSource,
): Promise<(PropensityDecision | null)[]> {
  const out: (PropensityDecision | null)[] = cases.map(() => null);
  if (!scorer?.available()) return out;
  const due = cases.flatMap((c, i) => (c.dpd > 0 && c.overdue > 0 ? [i] : []));
  const vectors = due.map((i) => {
    const c = cases[i] as DecisionCase;
    return { ...c.vector, ...({ overdue_amount: c.overdue } satisfies Record<OverdueFeatureName, number>) };
  });
  const scores = await scorer.score(vectors, source);
  due.forEach((caseIndex, k) => {
    const score = scores[k] as CollectionScore;
    const overdue = (cases[caseIndex] as DecisionCase).overdue;
    const expectedRecovery = Math.round(overdue * score.probability * 100) / 100;
    out[caseIndex] = {
      score,
      overdue,
      expectedRecovery,
      vector: vectors[k] as Record<string, number | null>,
    };
  });
  return out;
}

/**
 * How the reasons are had: computed here (with `withReasons`), or already computed elsewhere for the model
 * `explainedBy` (the rescoring threads), one list per case.
 */
export type ReasonSource = { withReasons: boolean } | { reasons: readonly Reason[][]; explainedBy: string };

/** Cases decided between two turns of the event loop: a big batch must not stall pending I/O. */
const YIELD_EVERY = 100;

/**
 * The per-loan decision, for a batch of loans: score (probability, tier, reasons) in one model run, days past
 * due to bucket, then the policy's recommendation within the contact rules. `/predict`, `rescoreLoan` and
 * portfolio rescoring all decide through this one function, so a loan gets the same answer from each.
 */
export async function decideLoans(
  { scoring, propensity: propensityScorer }: DecisionScorers,
  policy: Policy,
  cases: readonly DecisionCase[],
  reasons: ReasonSource,
  now: Date,
  /** Told how long the model run and the policy took (the rescoring benchmark's phases). */
  onTime?: (part: "model" | "policy", ms: number) => void,
): Promise<LoanDecision[]> {
  const vectors = cases.map((c) => c.vector);
  const modelStarted = performance.now();
  const scores =
    "reasons" in reasons
      ? await scoring.scoreExplained(vectors, reasons.reasons, reasons.explainedBy)
      : await scoring.score(vectors, reasons.withReasons);
  // Counted as the PD's run is: reasons from the threads mean a rescoring batch.
  const propensity = await propensities(
    propensityScorer,
    cases,
    "reasons" in reasons ? "rescore" : "predict",
  );
  onTime?.("model", performance.now() - modelStarted);
  const policyStarted = performance.now();
  let yielded = 0;
  const decisions: LoanDecision[] = [];
  for (let i = 0; i < cases.length; i++) {
    if (i > 0 && i % YIELD_EVERY === 0) {
      const before = performance.now();
      await new Promise((resolve) => setImmediate(resolve));
      yielded += performance.now() - before;
    }
    const c = cases[i] as DecisionCase;
    const modelScore = scores[i];
    if (!modelScore) throw new Error(`the model returned ${scores.length} scores for ${cases.length} loans`);
    const inDefault = isInDefault(c.dpd);
    const score: Score = inDefault
      ? { probability: IN_DEFAULT_PD, tier: "IN_DEFAULT", reasons: [], modelVersion: modelScore.modelVersion }
      : modelScore;
    const pays = propensity[i] ?? null;
    const bucket = bucketForDpd(c.dpd);
    const recommendation = recommend(
      policy,
      {
        probability: score.probability,
        tier: score.tier,
        bucket,
        dpd: c.dpd,
        promise: c.promise,
        arrangement: c.arrangement,
        balance: c.balance,
        propensity: pays?.score.probability ?? null,
        // A loan in default is explained by what moves its chance to pay, not by a PD it no longer has.
        reasons: inDefault ? (pays?.score.reasons ?? []) : score.reasons,
        borrower: c.borrower,
        contacts: c.contacts,
      },
      now,
    );
    decisions.push({ score, dpd: c.dpd, bucket, propensity: pays, recommendation });
  }
  // The turns given to other work are not the policy's time.
  onTime?.("policy", performance.now() - policyStarted - yielded);
  return decisions;
}
