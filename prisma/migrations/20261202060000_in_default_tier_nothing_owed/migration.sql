-- A loan 90+ days past due is in default: tier IN_DEFAULT, PD 1, worked on its propensity to pay.
-- AlterEnum
ALTER TYPE "RiskTier" ADD VALUE 'IN_DEFAULT';

-- A policy saved before this tier existed has no row that can decide a loan in default. Give each one the
-- default policy's rows for it (server/src/modules/recommendations/policy.ts, as of this migration), after its
-- own rows, so a row of theirs that names no tier (an arrangement on track) still comes first.
UPDATE "RecommendationPolicy"
SET "definition" = jsonb_set(
  "definition",
  '{rules}',
  ("definition" -> 'rules') || '[
    {"name": "in-default-likely-to-pay", "when": {"tiers": ["IN_DEFAULT"], "minPropensity": 0.5},
     "action": "PAYMENT_PLAN", "channels": ["CALL", "SMS", "EMAIL"], "priority": 1, "dueInHours": 24},
    {"name": "in-default-unlikely-to-pay", "when": {"tiers": ["IN_DEFAULT"], "maxPropensity": 0.15},
     "action": "ESCALATE_TO_RECOVERY_MANAGER", "channels": [], "priority": 2, "dueInHours": 72},
    {"name": "in-default-settlement", "when": {"tiers": ["IN_DEFAULT"]},
     "action": "SETTLEMENT_OFFER", "channels": ["CALL", "LETTER", "EMAIL"], "priority": 1, "dueInHours": 48}
  ]'::jsonb
)
WHERE NOT ("definition" -> 'rules') @> '[{"when": {"tiers": ["IN_DEFAULT"]}}]'::jsonb;

-- A loan closed or owing nothing has nothing to collect: rescoring cancels its unstarted task with this reason.
-- AlterEnum
ALTER TYPE "TaskCancelReason" ADD VALUE 'NOTHING_OWED';
