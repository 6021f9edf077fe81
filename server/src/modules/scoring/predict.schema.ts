import { z } from "zod";
import { isValidTimeZone } from "../contact-rules/local-time.js";
import { FEATURE_NAMES, FEATURES } from "../features/feature-catalogue.js";
import { loanHistorySchema } from "../features/loan-history.schema.js";

const featureValue = z.number().finite().nullable();

/** A precomputed vector: every feature of the catalogue by name (null = missing), nothing else. */
const featureVector = z.record(z.string(), featureValue).superRefine((v, ctx) => {
  for (const name of FEATURE_NAMES)
    if (!(name in v))
      ctx.addIssue({ code: "custom", path: [name], message: "is required (use null when missing)" });
  for (const name of Object.keys(v))
    if (!FEATURE_NAMES.includes(name as never))
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "is not a feature of the model (GET /features lists them)",
      });
  for (const f of FEATURES) {
    const x = v[f.name];
    if (x === null || x === undefined) continue;
    if (f.min !== null && x < f.min)
      ctx.addIssue({ code: "custom", path: [f.name], message: `must be at least ${f.min}` });
    if (f.max !== null && x > f.max)
      ctx.addIssue({ code: "custom", path: [f.name], message: `must be at most ${f.max}` });
  }
});

/** Who the loan belongs to, for the contact rules of the recommended action (nothing is stored). */
const contactProfile = z
  .object({
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine(isValidTimeZone, "must be an IANA time zone such as Europe/London")
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
    outstandingBalance: z.number().min(0).nullable().default(null),
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

export type VectorRequest = z.infer<typeof vectorRequestSchema>;
export type HistoryRequest = z.infer<typeof historyRequestSchema>;
