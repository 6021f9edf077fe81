import type { DelinquencyBucket, RiskTier } from "../../gql/graphql";
import { bucketLabel, tierLabel } from "../loans/loanLabels";
import { PROMISE_LABELS } from "./policyLabels";
import {
  BUCKETS,
  DEFAULT_BUCKET,
  type PolicyRule,
  PROMISE_CONDITIONS,
  type PromiseCondition,
  TIERS,
} from "./policyModel";

export interface UncoveredCase {
  tier: RiskTier;
  bucket: DelinquencyBucket;
  promise: PromiseCondition;
}

/** A loan is IN_DEFAULT exactly when it is in the default bucket: no other pair of tier and bucket occurs. */
const canOccur = (tier: RiskTier, bucket: DelinquencyBucket) =>
  (tier === "IN_DEFAULT") === (bucket === DEFAULT_BUCKET);

/**
 * The server's own check: every tier, bucket and promise state that can occur together must reach a rule
 * even for a loan with no known balance, no arrangement and no propensity score (rules with balance or
 * propensity bounds do not match those), or rescoring has no action for it.
 */
export function uncoveredCases(rules: PolicyRule[]): UncoveredCase[] {
  const catches = (rule: PolicyRule, c: UncoveredCase) => {
    const w = rule.when;
    return (
      (!w.tiers || w.tiers.includes(c.tier)) &&
      (!w.buckets || w.buckets.includes(c.bucket)) &&
      (!w.promise || w.promise.includes(c.promise)) &&
      (!w.arrangement || w.arrangement.includes("NONE")) &&
      w.minBalance === undefined &&
      w.maxBalance === undefined &&
      w.minPropensity === undefined &&
      w.maxPropensity === undefined
    );
  };
  const missing: UncoveredCase[] = [];
  for (const tier of TIERS)
    for (const bucket of BUCKETS.filter((b) => canOccur(tier, b)))
      for (const promise of PROMISE_CONDITIONS) {
        const c = { tier, bucket, promise };
        if (!rules.some((r) => catches(r, c))) missing.push(c);
      }
  return missing;
}

export function describeUncovered(missing: UncoveredCase[]): string {
  const examples = missing
    .slice(0, 3)
    .map((c) => `${tierLabel(c.tier)}, ${bucketLabel(c.bucket)}, ${PROMISE_LABELS[c.promise].toLowerCase()}`)
    .join("; ");
  const more = missing.length > 3 ? ` and ${missing.length - 3} more` : "";
  return `No rule covers some cases (${examples}${more}). Add a rule without balance or propensity bounds that catches the rest of each tier, e.g. one with only the tier ticked, last.`;
}
