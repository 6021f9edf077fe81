import type { DelinquencyBucket, RiskTier } from "../../gql/graphql";
import { bucketLabel, tierLabel } from "../loans/loanLabels";
import { PROMISE_LABELS } from "./policyLabels";
import { BUCKETS, type PolicyRule, PROMISE_CONDITIONS, type PromiseCondition, TIERS } from "./policyModel";

export interface UncoveredCase {
  tier: RiskTier;
  bucket: DelinquencyBucket;
  promise: PromiseCondition;
}

/**
 * The server's own check: every tier, bucket and promise state must reach a rule even for a loan with no
 * known balance and no arrangement (rules with balance bounds do not match those), or rescoring has no
 * action for it.
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
      w.maxBalance === undefined
    );
  };
  const missing: UncoveredCase[] = [];
  for (const tier of TIERS)
    for (const bucket of BUCKETS)
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
  return `No rule covers some cases (${examples}${more}). Add a rule without balance bounds that catches the rest of each tier, e.g. one with only the tier ticked, last.`;
}
