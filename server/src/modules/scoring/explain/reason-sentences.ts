import type { OverdueFeatureName, PromiseFeatureName } from "../../features/collection-features.js";
import type { FeatureName } from "../../features/feature-catalogue.js";

const pct = (v: number) => `${Math.round(v * 100)}%`;
const n0 = (v: number) => Math.round(v).toLocaleString("en-US");

/** A sentence an agent can read to the borrower's file, per feature, from its value. */
const SENTENCES: Record<FeatureName, (v: number) => string> = {
  current_dpd: (v) => (v > 0 ? `${n0(v)} days past due on the oldest unpaid amount` : "no amount past due"),
  max_dpd_12m: (v) =>
    v > 0 ? `up to ${n0(v)} days past due in the last 12 months` : "never past due in the last 12 months",
  dpd_trend: (v) =>
    v > 1
      ? `falling further behind, about ${n0(v)} more days past due each cycle`
      : v < -1
        ? "catching up on arrears"
        : "arrears stable",
  on_time_ratio: (v) => `${pct(v)} of amounts due in the last year paid on time`,
  repayment_velocity: (v) =>
    v === 0 ? "nothing paid in the last 3 cycles" : `paid ${pct(v)} of what fell due in the last 3 cycles`,
  missed_cycles_6: (v) =>
    v > 0
      ? `nothing paid towards ${n0(v)} of the last 6 due amounts`
      : "something paid towards every recent due amount",
  utilisation: (v) => `${pct(v)} of the limit or loan still owed`,
  contact_attempts_90d: (v) => `${n0(v)} contact attempts in the last 90 days`,
  engagement_score: (v) =>
    v < 0.3
      ? "rarely answers or responds to contact"
      : v > 0.7
        ? "answers and responds to contact"
        : "answers contact some of the time",
  days_since_last_contact: (v) => `last reached ${n0(v)} days ago`,
  ptp_count_180d: (v) => `${n0(v)} promises to pay in the last 6 months`,
  ptp_kept_rate: (v) => `kept ${pct(v)} of promises to pay`,
  exposure: (v) => `exposure of ${n0(v)}`,
  interest_rate: (v) => `interest rate ${v.toFixed(1)}%`,
  term_months: (v) => `${n0(v)}-month term`,
  loan_age_months: (v) => `loan opened ${n0(v)} months ago`,
  is_revolving: (v) => (v === 1 ? "revolving credit account" : "instalment loan"),
  grade: (v) => `lender grade ${"ABCDEFG"[Math.round(v) - 1] ?? v}`,
  age_years: (v) => `borrower aged ${n0(v)}`,
  annual_income: (v) => `annual income of ${n0(v)}`,
  employment_years: (v) => `${v.toFixed(1)} years in employment`,
  segment: (v) => `${["prime", "near-prime", "subprime"][Math.round(v) - 1] ?? "unknown"} segment`,
  no_use_cycles_6: (v) => `no balance on ${n0(v)} of the last 6 statements`,
  paid_in_full_cycles_6: (v) => `${n0(v)} of the last 6 statements paid in full`,
  revolving_cycles_6: (v) => `${n0(v)} of the last 6 statements carried over with a part payment`,
  payment_to_balance_last: (v) => `paid ${pct(v)} of the previous balance last cycle`,
  payment_to_balance_mean_6: (v) => `pays on average ${pct(v)} of the previous balance each cycle`,
  max_utilisation_6: (v) => `up to ${pct(v)} of the limit used in the last 6 statements`,
  utilisation_change_6: (v) =>
    v > 0.05
      ? `limit use up ${pct(v)} points over 6 statements`
      : v < -0.05
        ? `limit use down ${pct(-v)} points over 6 statements`
        : "limit use steady over 6 statements",
  last_payment_amount: (v) => (v > 0 ? `paid ${n0(v)} in the last cycle` : "nothing paid in the last cycle"),
  mean_payment_amount_6: (v) => `pays ${n0(v)} per cycle on average`,
  statement_balance: (v) => `latest statement balance of ${n0(v)}`,
  loan_to_income: (v) => `loan of ${pct(v)} of annual income`,
  prior_default: (v) => (v === 1 ? "an earlier default on file" : "no earlier default on file"),
  credit_history_years: (v) => `${n0(v)} years of credit history`,
  home_ownership: (v) =>
    `${["owns their home", "has a mortgage", "rents", "other housing"][Math.round(v) - 1] ?? "housing unknown"}`,
  loan_purpose: (v) =>
    `loan for ${["debt consolidation", "education", "home improvement", "medical costs", "personal use", "a venture"][Math.round(v) - 1] ?? "an unknown purpose"}`,
};

/** The collection scores' own inputs (features/collection-features.ts). */
const COLLECTION_SENTENCES: Record<OverdueFeatureName | PromiseFeatureName, (v: number) => string> = {
  overdue_amount: (v) => `${n0(v)} overdue`,
  promise_amount: (v) => `promised ${n0(v)}`,
  promise_share_of_overdue: (v) => `promised ${pct(v)} of the amount overdue`,
  promise_days_ahead: (v) =>
    v <= 1 ? "promised to pay within a day" : `promised to pay within ${n0(v)} days`,
};

export function reasonSentence(feature: string, value: number | null): string {
  if (value === null || Number.isNaN(value)) return `${feature.replaceAll("_", " ")} not known`;
  const template =
    SENTENCES[feature as FeatureName] ??
    COLLECTION_SENTENCES[feature as OverdueFeatureName | PromiseFeatureName];
  return template ? template(value) : `${feature.replaceAll("_", " ")} is ${value}`;
}
