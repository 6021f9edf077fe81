import { z } from "zod";
import { explanationSchema } from "./explain/card-explainer.js";

const tierName = z.enum(["Low", "Medium", "High", "Critical"]);

/** The part of ml/'s model card the server relies on; the rest is kept as it came. */
export const modelCardSchema = z
  .object({
    version: z.string().min(1),
    createdAt: z.string(),
    algorithm: z.string(),
    input: z.object({
      name: z.string(),
      /** The feature catalogue version the model takes (absent on cards from before versions: 1). */
      featureVersion: z.number().int().min(1).optional(),
      features: z.array(z.object({ name: z.string(), description: z.string().optional() })).min(1),
    }),
    output: z.object({ name: z.string(), positiveClassIndex: z.number().int().min(0) }),
    /** PD cut-offs per tier (ml/creditpath_ml/card.py `tiers`). */
    tiers: z
      .object({
        cutoffs: z
          .array(
            z.object({ tier: tierName, minPd: z.number().min(0).max(1), maxPd: z.number().min(0).max(1) }),
          )
          .length(4),
      })
      .passthrough()
      .optional(),
    /** What exact reason codes need: trees with covers, or the linear model's terms. */
    explanation: explanationSchema.optional(),
  })
  .passthrough();

export type ModelCard = z.infer<typeof modelCardSchema>;
