import { z } from "zod";
import { ActionType, DelinquencyBucket, RiskTier } from "../../generated/prisma/enums.js";
import { DEFAULT_BUCKET } from "../loans/delinquency-bucket.js";
import { decide, type Policy, type PromiseCondition } from "./policy.js";

const channel = z.enum(["CALL", "SMS", "EMAIL", "PUSH", "FIELD_VISIT", "LETTER"]);
const tier = z.enum(Object.values(RiskTier) as [RiskTier, ...RiskTier[]]);
const bucket = z.enum(Object.values(DelinquencyBucket) as [DelinquencyBucket, ...DelinquencyBucket[]]);
const PROMISES: PromiseCondition[] = ["NONE", "PENDING", "KEPT", "BROKEN", "CANCELLED"];

export const policySchema = z.object({
  version: z.number().int().min(1),
  rules: z
    .array(
      z.object({
        name: z.string().min(1).max(80),
        when: z.object({
          tiers: z.array(tier).min(1).optional(),
          buckets: z.array(bucket).min(1).optional(),
          promise: z
            .array(z.enum(["NONE", "PENDING", "KEPT", "BROKEN", "CANCELLED"]))
            .min(1)
            .optional(),
          arrangement: z
            .array(z.enum(["NONE", "ON_TRACK", "BROKEN"]))
            .min(1)
            .optional(),
          minBalance: z.number().min(0).optional(),
          maxBalance: z.number().min(0).optional(),
          minPropensity: z.number().min(0).max(1).optional(),
          maxPropensity: z.number().min(0).max(1).optional(),
        }),
        action: z.enum(Object.values(ActionType) as [ActionType, ...ActionType[]]),
        channels: z.array(channel).max(6),
        priority: z.number().int().min(1).max(5),
        dueInHours: z
          .number()
          .positive()
          .max(24 * 60),
      }),
    )
    .min(1),
  contactRules: z.object({
    maxCallAttemptsPer7Days: z.number().int().min(0).max(50),
    noCallDaysAfterConversation: z.number().int().min(0).max(60),
    windowStartMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    windowEndMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "holidays are dates YYYY-MM-DD")),
  }),
  brokenPromise: z.object({
    priorityBoost: z.number().int().min(0).max(4),
    dueFactor: z.number().gt(0).max(1),
  }),
});

/** Problems with a policy a supervisor wants to save, or [] when it is usable. */
export function policyProblems(candidate: unknown): string[] {
  const parsed = policySchema.safeParse(candidate);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  const policy = parsed.data as Policy;
  const problems: string[] = [];
  if (policy.contactRules.windowStartMinutes >= policy.contactRules.windowEndMinutes) {
    problems.push("contactRules: the contact window must start before it ends");
  }
  // Every case must get an action: no combination of tier, bucket and promise state may fall through. A
  // loan is IN_DEFAULT exactly when it is in the default bucket, so only those pairs can occur.
  for (const t of Object.values(RiskTier)) {
    for (const b of Object.values(DelinquencyBucket)) {
      if ((t === "IN_DEFAULT") !== (b === DEFAULT_BUCKET)) continue;
      for (const p of PROMISES) {
        try {
          decide(policy, { tier: t, bucket: b, promise: p, balance: null });
        } catch {
          problems.push(
            `rules: no row covers tier ${t}, bucket ${b}, promise ${p} (add a catch-all row per tier)`,
          );
        }
      }
    }
  }
  return problems.slice(0, 20);
}
