import { z } from "zod";
import { explainLinear } from "./linear-attribution.js";
import type { TreeEnsemble, TreeNode } from "./tree-model.js";
import { type Attribution, explainTrees } from "./tree-shap.js";

const treeJson = z
  .object({
    feature: z.array(z.number().int()),
    threshold: z.array(z.number()),
    missingGoesLeft: z.array(z.boolean()),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(z.number()),
    cover: z.array(z.number().min(0)),
  })
  .refine(
    (t) =>
      [t.threshold, t.missingGoesLeft, t.left, t.right, t.value, t.cover].every(
        (a) => a.length === t.feature.length,
      ),
    {
      message: "every node array of a tree must have the same length",
    },
  );

/** The reason-code section ml/ writes into the model card (ml/creditpath_ml/trees.py `to_card`, linear models). */
export const explanationSchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("treeshap"),
    link: z.enum(["logistic", "identity"]),
    baseValue: z.number(),
    trees: z.array(treeJson).min(1),
  }),
  z.object({
    method: z.literal("linear"),
    intercept: z.number(),
    coefficients: z.array(z.number()),
    imputation: z.array(z.number()),
    mean: z.array(z.number()),
    scale: z.array(z.number()),
  }),
]);

export type ExplanationSection = z.infer<typeof explanationSchema>;

export type Explainer = (x: readonly number[]) => Attribution;

/**
 * Exact attributions for the served model from its card: TreeSHAP over the card's trees (splits are
 * `fround(x) <= threshold`, NaN by `missingGoesLeft`, the rule the ONNX graph uses), or coefficient x
 * deviation for a linear model.
 */
export function explainerFromCard(section: ExplanationSection, featureCount: number): Explainer {
  if (section.method === "linear") {
    return (x) => {
      const { contributions, expected } = explainLinear(section, x);
      return { contributions, expected };
    };
  }
  const ensemble: TreeEnsemble = {
    baseScore: section.baseValue,
    featureCount,
    trees: section.trees.map((t) => ({
      nodes: t.feature.map(
        (f, i): TreeNode =>
          f < 0
            ? { kind: "leaf", value: t.value[i] as number, cover: t.cover[i] as number }
            : {
                kind: "split",
                feature: f,
                threshold: t.threshold[i] as number,
                leftIfEqual: true,
                missingLeft: t.missingGoesLeft[i] as boolean,
                left: t.left[i] as number,
                right: t.right[i] as number,
                cover: t.cover[i] as number,
              },
      ),
    })),
  };
  // The model sees float32 inputs: compare the same rounded values it compares.
  return (x) => explainTrees(ensemble, Float64Array.from(x, Math.fround));
}
