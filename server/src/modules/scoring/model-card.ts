import { z } from "zod";

/** The part of ml/'s model card the server relies on; the rest is kept as it came. */
export const modelCardSchema = z
  .object({
    version: z.string().min(1),
    createdAt: z.string(),
    algorithm: z.string(),
    input: z.object({
      name: z.string(),
      features: z.array(z.object({ name: z.string(), description: z.string().optional() })).min(1),
    }),
    output: z.object({ name: z.string(), positiveClassIndex: z.number().int().min(0) }),
  })
  .passthrough();

export type ModelCard = z.infer<typeof modelCardSchema>;
