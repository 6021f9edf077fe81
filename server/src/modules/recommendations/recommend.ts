import type { ActionType, DelinquencyBucket, RiskTier } from "../../generated/prisma/enums.js";
import {
  type BorrowerContactProfile,
  type Channel,
  type ContactPlan,
  type ContactRule,
  type PastContact,
  planContact,
} from "../contact-rules/contact-rules.js";
import { PAY_OUTCOME_WORDS } from "../features/collection-outcomes.js";
import type { ArrangementCondition } from "../features/promise-status.js";
import { decide, type Policy, type PromiseCondition } from "./policy.js";

export interface ReasonLike {
  sentence: string;
}

export interface CaseInput {
  probability: number;
  tier: RiskTier;
  bucket: DelinquencyBucket;
  dpd: number;
  promise: PromiseCondition;
  /** The loan's latest payment arrangement; NONE when absent. */
  arrangement?: ArrangementCondition;
  balance: number | null;
  /** Propensity to pay (a loan past due, when a propensity model serves); null or absent otherwise. */
  propensity?: number | null;
  /** Why: the PD's reasons, or for a loan in default the propensity's. */
  reasons: readonly ReasonLike[];
  borrower: BorrowerContactProfile;
  contacts: readonly PastContact[];
}

export interface RecommendationDraft {
  actionType: ActionType;
  channel: Channel | null;
  priority: number;
  dueAt: Date;
  rationale: string;
  policyVersion: number;
  ruleName: string;
  routedToManager: boolean;
  /** The contact rules' verdict on the recommended contact; null when the policy's action needs no contact. */
  contact: ContactVerdict | null;
}

/** What a recommendation keeps of the contact rules' verdict (see ContactRuleResult for its GraphQL shape). */
export interface ContactVerdict {
  /** The recommended channel may be used at once (perhaps instead of a preferred one that was refused). */
  allowed: boolean;
  /** The rules that refused or delayed the preferred contact, the deciding one first. */
  rules: ContactRule[];
  reason: string | null;
  /** When the recommended contact becomes allowed, if it is delayed (not refused for good). */
  nextAllowedAt: Date | null;
}

function verdictOf(plan: ContactPlan, now: Date): ContactVerdict {
  if (plan.kind === "manager")
    return { allowed: false, rules: plan.blockers, reason: plan.reason, nextAllowedAt: null };
  const delayed = plan.at.getTime() > now.getTime();
  return {
    allowed: !delayed,
    rules: plan.blockers,
    reason: plan.notes.length > 0 ? plan.notes.join("; ") : null,
    nextAllowedAt: delayed ? plan.at : null,
  };
}

const BUCKET_WORDS: Record<DelinquencyBucket, string> = {
  CURRENT: "current",
  DPD_1_14: "1-14 days past due",
  DPD_15_29: "15-29 days past due",
  DPD_30_59: "30-59 days past due",
  DPD_60_89: "60-89 days past due",
  DPD_90_PLUS: "90+ days past due",
};

const ACTION_WORDS: Record<ActionType, string> = {
  SMS_REMINDER: "send a payment reminder",
  PUSH_REMINDER: "send a push reminder",
  EMAIL_REMINDER: "send an e-mail reminder",
  CALL: "call the borrower",
  PAYMENT_PLAN: "call and offer a payment plan",
  FIELD_VISIT: "arrange a field visit",
  RESTRUCTURE: "discuss restructuring the loan",
  SETTLEMENT_OFFER: "make a settlement offer",
  ESCALATE_TO_RECOVERY_MANAGER: "escalate to a recovery manager",
};

/**
 * The next action for a case: the policy's row for its tier, bucket, promise state and balance, made safe by
 * the contact rules (a later time, another channel, or a manager's review), with a rationale an agent can
 * read out of the score's reasons.
 */
export function recommend(policy: Policy, c: CaseInput, now: Date): RecommendationDraft {
  const d = decide(policy, {
    tier: c.tier,
    bucket: c.bucket,
    promise: c.promise,
    arrangement: c.arrangement,
    balance: c.balance,
    propensity: c.propensity,
  });
  const pays =
    c.propensity === null || c.propensity === undefined
      ? ""
      : `, ${(c.propensity * 100).toFixed(0)}% likely to ${PAY_OUTCOME_WORDS}`;
  const head = `${riskWords(c)}, ${BUCKET_WORDS[c.bucket]}${pays}${caseWords(c)}`;
  const why = c.reasons.length > 0 ? ` Why: ${c.reasons.map((r) => r.sentence).join("; ")}.` : "";
  const base = { priority: d.priority, policyVersion: policy.version, ruleName: d.rule.name };
  const due = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

  if (d.rule.channels.length === 0) {
    return {
      ...base,
      actionType: d.rule.action,
      channel: null,
      dueAt: due(d.dueInHours),
      rationale: `${capitalise(head)}: ${ACTION_WORDS[d.rule.action]}.${why}`,
      routedToManager: d.rule.action === "ESCALATE_TO_RECOVERY_MANAGER",
      contact: null,
    };
  }
  const plan = planContact(d.rule.channels, now, c.borrower, c.contacts, policy.contactRules);
  if (plan.kind === "manager") {
    return {
      ...base,
      actionType: "ESCALATE_TO_RECOVERY_MANAGER",
      channel: null,
      dueAt: due(d.dueInHours),
      rationale: `${capitalise(head)}: ${ACTION_WORDS[d.rule.action]} is not possible (${plan.reason}); a recovery manager decides.${why}`,
      routedToManager: true,
      contact: verdictOf(plan, now),
    };
  }
  // Due by the policy's deadline, or when contact first becomes allowed if that is later.
  const dueAt = new Date(Math.max(plan.at.getTime(), due(d.dueInHours).getTime()));
  const note = plan.notes.length > 0 ? ` Contact rules: ${plan.notes.join("; ")}.` : "";
  return {
    ...base,
    actionType: d.rule.action,
    channel: plan.channel,
    dueAt,
    rationale: `${capitalise(head)}: ${ACTION_WORDS[d.rule.action]}${byChannel(d.rule.action, plan.channel)}.${why}${note}`,
    routedToManager: false,
    contact: verdictOf(plan, now),
  };
}

// The channel an action already names: "call the borrower by call" says nothing new.
const OWN_CHANNEL: Partial<Record<ActionType, Channel>> = {
  SMS_REMINDER: "SMS",
  PUSH_REMINDER: "PUSH",
  EMAIL_REMINDER: "EMAIL",
  CALL: "CALL",
  PAYMENT_PLAN: "CALL",
  FIELD_VISIT: "FIELD_VISIT",
};

function byChannel(action: ActionType, channel: Channel): string {
  return OWN_CHANNEL[action] === channel ? "" : ` by ${channel.toLowerCase().replace("_", " ")}`;
}

// A loan in default has no PD to quote: the default has happened.
function riskWords(c: CaseInput): string {
  if (c.tier === "IN_DEFAULT") return "in default";
  return `${c.tier.toLowerCase()} risk (PD ${(c.probability * 100).toFixed(0)}%)`;
}

function caseWords(c: CaseInput): string {
  if (c.arrangement === "BROKEN") return ", payment arrangement instalment broken";
  if (c.arrangement === "ON_TRACK") return ", payment arrangement on track";
  if (c.promise === "BROKEN") return ", promise to pay broken";
  return c.promise === "PENDING" ? ", promise to pay pending" : "";
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
