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
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURES)[number]["name"];
export type FeatureVector = Record<FeatureName, number | null>;
export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((f) => f.name);
