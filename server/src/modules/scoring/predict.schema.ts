import { z } from "zod";
import { money } from "../../core/validation/domain-values.js";
import { FEATURES, type FeatureDefinition } from "../features/feature-catalogue.js";
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

// IANA's canonical zone names: the list is the schema's, so a client (and the API document) knows them.
const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")] as [
  string,
  ...string[],
];

/** Who the loan belongs to, for the contact rules of the recommended action (nothing is stored). */
const contactProfile = z
  .object({
    timeZone: z
      .enum(TIME_ZONES, { error: "must be an IANA time zone name such as Europe/London or UTC" })
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
  .object({ features: featureVector, contact: contactProfile, reasons: z.boolean().default(true) })
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
