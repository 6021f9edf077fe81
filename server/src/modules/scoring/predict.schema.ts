import { z } from "zod";
import { money } from "../../core/validation/domain-values.js";
import { canonicalTimeZone } from "../../core/validation/time-zones.js";
import { FEATURE_VERSION, FEATURES, type FeatureDefinition } from "../features/feature-catalogue.js";
import { loanHistorySchema } from "../features/loan-history.schema.js";

// A feature without a bound of its own still has one: beyond it a value is a unit mistake, and the model's
// float32 inputs would turn it into infinity.
const FEATURE_LIMIT = 1e12;

function featureValue(f: FeatureDefinition) {
  const min = f.min ?? -FEATURE_LIMIT;
  const max = f.max ?? FEATURE_LIMIT;
  // Every feature is sent, null when missing: a forgotten one must not pass as missing.
  const number = z.number({
    error: (i) => (i.input === undefined ? "is required (use null when missing)" : undefined),
  });
  return (f.type === "number" ? number : number.int({ error: "must be a whole number" }))
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .nullable()
    .meta({ description: f.description });
}

/** A precomputed vector: every feature of the catalogue by name (null = missing), nothing else. */
const featureVector = z
  .strictObject(Object.fromEntries(FEATURES.map((f) => [f.name, featureValue(f)])), {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? "is not a feature of the model (GET /features lists them)"
        : undefined,
  })
  .meta({ description: "Every feature of GET /features by name: a number, or null when missing" });

/**
 * The catalogue version a posted vector was built for. A vector from before versions (no featureVersion) was
 * built for version 1; any other version than the server's is refused (400), because the same names may not
 * mean the same values and the model takes this version's features.
 */
const featureVersion = z
  .literal(FEATURE_VERSION, {
    error: (issue) =>
      issue.input === undefined
        ? `is required: the feature catalogue version the vector was built for (this server's is version ${FEATURE_VERSION}, see GET /features); a vector without one was built for version 1 and must be computed again from the current catalogue, or post the loan's "history" instead`
        : `the vector was built for feature catalogue version ${JSON.stringify(issue.input)}, the model takes version ${FEATURE_VERSION} (GET /features): compute the vector again from the current catalogue, or post the loan's "history" instead`,
  })
  .meta({
    description: "The feature catalogue version the vector was built for (GET /features: featureVersion)",
  });

// The runtime's zone names: the list is the schema's, so a client (and the API document) knows them. A name
// the runtime spells differently (Asia/Kolkata, America/Indiana/Indianapolis) is read in its spelling first.
const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")] as [
  string,
  ...string[],
];

/** Who the loan belongs to, for the contact rules of the recommended action (nothing is stored). */
const contactProfile = z
  .object({
    timeZone: z
      .preprocess(
        (v) => (typeof v === "string" ? (canonicalTimeZone(v) ?? v) : v),
        z.enum(TIME_ZONES, { error: "must be an IANA time zone name such as Europe/London or UTC" }),
      )
      .default("UTC"),
    doNotContact: z.boolean().default(false),
    contactOptOuts: z
      .array(z.enum(["CALL", "SMS", "EMAIL", "PUSH", "FIELD_VISIT", "LETTER"]))
      .max(6)
      .default([]),
    disputeFlag: z.boolean().default(false),
    bankruptcyFlag: z.boolean().default(false),
    deceasedFlag: z.boolean().default(false),
    legalHold: z.boolean().default(false),
    outstandingBalance: money().nullable().default(null),
  })
  .default({
    timeZone: "UTC",
    doNotContact: false,
    contactOptOuts: [],
    disputeFlag: false,
    bankruptcyFlag: false,
    deceasedFlag: false,
    legalHold: false,
    outstandingBalance: null,
  });

export const vectorRequestSchema = z
  .object({
    featureVersion,
    features: featureVector,
    contact: contactProfile,
    reasons: z.boolean().default(true),
  })
  .strict();
export const historyRequestSchema = z
  .object({ history: loanHistorySchema, contact: contactProfile, reasons: z.boolean().default(true) })
  .strict();

/** POST /predict's body: one of the two, told apart by their only required key. */
export const predictRequestSchema = z.union([vectorRequestSchema, historyRequestSchema], {
  error: 'Send either "features" (a precomputed vector, see GET /features) or "history" (a loan history)',
});

export type VectorRequest = z.infer<typeof vectorRequestSchema>;
export type HistoryRequest = z.infer<typeof historyRequestSchema>;
export type PredictRequest = z.infer<typeof predictRequestSchema>;
