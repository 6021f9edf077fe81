/**
 * The model's features, in model input order: the one list that the training export, the ONNX model's
 * card, `GET /features` and live scoring share. A value of `null` means missing (the source cannot say),
 * which is not the same as zero.
 */
export interface FeatureDefinition {
  name: string;
  description: string;
  type: "integer" | "number" | "binary";
  /** Valid range of a present value. */
  min: number | null;
  max: number | null;
  unit?: string;
}

/**
 * The catalogue's version: a model takes the version it was trained on (the export's schema, the model card
 * and `GET /features` carry it), and a posted vector says the version it was built for. Raise it whenever a
 * feature is added, removed, renamed or changes meaning. 1: the first 22 features (a vector without a
 * version is one of these). 2: the statement cycles, payment amounts and ratios, utilisation peaks and the
 * bureau/profile features that carry the raw files' signal (ml/README.md, "Measured").
 */
export const FEATURE_VERSION = 2;

export const FEATURES = [
  {
    name: "current_dpd",
    description: "Days past due on the oldest unpaid amount as of the date",
    type: "integer",
    min: 0,
    max: null,
    unit: "days",
  },
  {
    name: "max_dpd_12m",
    description: "Highest days past due seen on any due date in the last 12 months",
    type: "integer",
    min: 0,
    max: null,
    unit: "days",
  },
  {
    name: "dpd_trend",
    description:
      "Slope of days past due over the last 6 due dates (least squares, days per cycle); missing with fewer than 3",
    type: "number",
    min: null,
    max: null,
    unit: "days/cycle",
  },
  {
    name: "on_time_ratio",
    description: "Share of amounts due in the last 12 months that were paid in full by their due date",
    type: "number",
    min: 0,
    max: 1,
  },
  {
    name: "repayment_velocity",
    description: "Paid over due in the last 3 cycles (above 1: catching up; 0: nothing paid)",
    type: "number",
    min: 0,
    max: null,
  },
  {
    name: "missed_cycles_6",
    description: "Of the last 6 due dates, how many had nothing paid towards them by the next one",
    type: "integer",
    min: 0,
    max: 6,
  },
  {
    name: "utilisation",
    description:
      "Revolving: latest statement balance over the credit limit. Instalment: share of the scheduled amount still unpaid",
    type: "number",
    min: null,
    max: null,
  },
  {
    name: "contact_attempts_90d",
    description:
      "Outbound contact attempts in the last 90 days; missing when the source has no contact history",
    type: "integer",
    min: 0,
    max: null,
  },
  {
    name: "engagement_score",
    description:
      "0-1: answered share of attempts in 90 days (60%), recency of the last answered contact (20%), inbound contacts (20%); missing without contact history or attempts",
    type: "number",
    min: 0,
    max: 1,
  },
  {
    name: "days_since_last_contact",
    description: "Days since the last answered contact; missing when there was none",
    type: "integer",
    min: 0,
    max: null,
    unit: "days",
  },
  {
    name: "ptp_count_180d",
    description: "Promises to pay made in the last 180 days; missing when the source has no promise history",
    type: "integer",
    min: 0,
    max: null,
  },
  {
    name: "ptp_kept_rate",
    description: "Share of resolved promises (kept or broken) that were kept; missing when none is resolved",
    type: "number",
    min: 0,
    max: 1,
  },
  {
    name: "exposure",
    description: "Credit limit (revolving) or principal (instalment), in the loan's currency",
    type: "number",
    min: 0,
    max: null,
  },
  {
    name: "interest_rate",
    description: "Annual interest rate, percent",
    type: "number",
    min: 0,
    max: 100,
    unit: "%",
  },
  {
    name: "term_months",
    description: "Instalment term in months; missing for revolving accounts",
    type: "integer",
    min: 0,
    max: null,
  },
  {
    name: "loan_age_months",
    description: "Months since the loan was opened",
    type: "integer",
    min: 0,
    max: null,
  },
  {
    name: "is_revolving",
    description: "1 for a revolving account, 0 for an instalment loan",
    type: "binary",
    min: 0,
    max: 1,
  },
  { name: "grade", description: "Lender grade A..G as 1..7", type: "integer", min: 1, max: 7 },
  {
    name: "age_years",
    description: "Borrower's age in years",
    type: "integer",
    min: 0,
    max: null,
    unit: "years",
  },
  { name: "annual_income", description: "Borrower's annual income", type: "number", min: 0, max: null },
  { name: "employment_years", description: "Years in employment", type: "number", min: 0, max: null },
  {
    name: "segment",
    description: "Borrower segment: prime 1, near-prime 2, subprime 3",
    type: "integer",
    min: 1,
    max: 3,
  },
  {
    name: "no_use_cycles_6",
    description:
      "Revolving: of the last 6 statements, how many had no balance to pay (UCI status -2); missing for instalment loans",
    type: "integer",
    min: 0,
    max: 6,
  },
  {
    name: "paid_in_full_cycles_6",
    description:
      "Revolving: of the last 6 statements, how many were paid in full in the next cycle (UCI status -1); missing for instalment loans",
    type: "integer",
    min: 0,
    max: 6,
  },
  {
    name: "revolving_cycles_6",
    description:
      "Revolving: of the last 6 statements, how many were carried over with a part payment and not late (UCI status 0); missing for instalment loans",
    type: "integer",
    min: 0,
    max: 6,
  },
  {
    name: "payment_to_balance_last",
    description:
      "Revolving: paid in the last cycle over the previous statement's balance, capped at 10; missing when that balance was not positive",
    type: "number",
    min: 0,
    max: 10,
  },
  {
    name: "payment_to_balance_mean_6",
    description:
      "Revolving: mean over the last 6 statements of paid in the cycle over the previous statement's balance (each capped at 10)",
    type: "number",
    min: 0,
    max: 10,
  },
  {
    name: "max_utilisation_6",
    description: "Revolving: highest statement balance over the credit limit among the last 6 statements",
    type: "number",
    min: null,
    max: null,
  },
  {
    name: "utilisation_change_6",
    description:
      "Revolving: latest statement's utilisation minus that of the oldest of the last 6 statements (2 or more needed)",
    type: "number",
    min: null,
    max: null,
  },
  {
    name: "last_payment_amount",
    description:
      "Paid in the latest cycle (after the previous due date, up to the latest one), in the loan's currency; missing without a schedule",
    type: "number",
    min: 0,
    max: null,
  },
  {
    name: "mean_payment_amount_6",
    description:
      "Mean paid per cycle over the last 6 cycles, in the loan's currency; missing without a schedule",
    type: "number",
    min: 0,
    max: null,
  },
  {
    name: "statement_balance",
    description:
      "Revolving: the latest statement's balance (negative: a credit), in the loan's currency; missing for instalment loans",
    type: "number",
    min: null,
    max: null,
  },
  {
    name: "loan_to_income",
    description: "Exposure (credit limit or principal) over the borrower's annual income",
    type: "number",
    min: 0,
    max: null,
  },
  {
    name: "prior_default",
    description: "1 when the credit bureau has an earlier default on file, 0 when it has none",
    type: "binary",
    min: 0,
    max: 1,
  },
  {
    name: "credit_history_years",
    description: "Length of the borrower's credit history at the bureau, in years",
    type: "number",
    min: 0,
    max: null,
    unit: "years",
  },
  {
    name: "home_ownership",
    description: "Home ownership: own 1, mortgage 2, rent 3, other 4",
    type: "integer",
    min: 1,
    max: 4,
  },
  {
    name: "loan_purpose",
    description:
      "Purpose of the loan: debt consolidation 1, education 2, home improvement 3, medical 4, personal 5, venture 6",
    type: "integer",
    min: 1,
    max: 6,
  },
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURES)[number]["name"];
export type FeatureVector = Record<FeatureName, number | null>;
export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((f) => f.name);
