import { describeUncovered, uncoveredCases } from "./policyCoverage";
import type { PolicyDraft, RuleDraft } from "./policyDraft";
import { BOUNDS, type PolicyDefinition, type PolicyRule } from "./policyModel";
import { fractionOfPercent } from "./policyPercent";

/** Problems by field path, the paths the server's schema reports ("rules.2.dueInHours"). */
export type FieldErrors = Record<string, string>;

export interface ValidationResult {
  definition: PolicyDefinition | null;
  errors: FieldErrors;
}

const MINUTES_PER_DAY = 24 * 60;
const CLOCK = /^(\d{2}):(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type NumberCheck = {
  integer?: boolean;
  min?: number;
  above?: number;
  max?: number;
  optional?: boolean;
  /** Written after a bound in the message ("%"). */
  unit?: string;
};

/** The typed text as a number within bounds, or the reason it is not one. */
function readNumber(raw: string, what: string, check: NumberCheck): number | undefined | { error: string } {
  const trimmed = raw.trim();
  if (trimmed === "") return check.optional ? undefined : { error: `Enter ${what}.` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `${capitalise(what)} must be a number.` };
  if (check.integer && !Number.isInteger(value))
    return { error: `${capitalise(what)} must be a whole number.` };
  const unit = check.unit ?? "";
  if (check.min !== undefined && value < check.min)
    return { error: `${capitalise(what)} must be at least ${check.min}${unit}.` };
  if (check.above !== undefined && value <= check.above)
    return { error: `${capitalise(what)} must be more than ${check.above}${unit}.` };
  if (check.max !== undefined && value > check.max)
    return { error: `${capitalise(what)} must be at most ${check.max}${unit}.` };
  return value;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function readClock(raw: string): number | null {
  const m = CLOCK.exec(raw);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes < MINUTES_PER_DAY ? minutes : null;
}

type ReadNumber = (path: string, raw: string, what: string, check: NumberCheck) => number | undefined;

/** The rule's propensity bounds, typed as percentages, as the 0-1 shares the policy stores. */
function readPropensity(r: RuleDraft, at: string, num: ReadNumber) {
  const check = { ...BOUNDS.propensityPercent, optional: true, unit: "%" };
  const bound = (field: "minPropensity" | "maxPropensity", what: string) =>
    num(`${at}.when.${field}`, r[field], what, check) === undefined ? undefined : fractionOfPercent(r[field]);
  return {
    minPropensity: bound("minPropensity", "the lowest propensity to pay"),
    maxPropensity: bound("maxPropensity", "the highest propensity to pay"),
  };
}

/** Checks the form with the server schema's bounds and builds the policy it would save. */
export function validatePolicyDraft(draft: PolicyDraft): ValidationResult {
  const errors: FieldErrors = {};
  const num = (path: string, raw: string, what: string, check: NumberCheck): number | undefined => {
    const result = readNumber(raw, what, check);
    if (typeof result === "object") {
      errors[path] = result.error;
      return undefined;
    }
    return result;
  };

  if (draft.rules.length === 0) errors.rules = "Keep at least one rule.";
  const names = new Map<string, number>();
  const rules: PolicyRule[] = draft.rules.map((r, i) => {
    const at = `rules.${i}`;
    const name = r.name.trim();
    if (name === "") errors[`${at}.name`] = "Give the rule a name.";
    else if (name.length > BOUNDS.ruleName.max)
      errors[`${at}.name`] = `Keep the name to ${BOUNDS.ruleName.max} characters.`;
    else if (names.has(name))
      // Recommendations and the diff name rules: two of the same name could not be told apart.
      errors[`${at}.name`] = `Rule ${(names.get(name) ?? 0) + 1} already has this name.`;
    if (!names.has(name)) names.set(name, i);
    const minBalance = num(`${at}.when.minBalance`, r.minBalance, "the lowest balance", {
      min: 0,
      optional: true,
    });
    const maxBalance = num(`${at}.when.maxBalance`, r.maxBalance, "the highest balance", {
      min: 0,
      optional: true,
    });
    if (minBalance !== undefined && maxBalance !== undefined && minBalance > maxBalance)
      errors[`${at}.when.maxBalance`] = "The highest balance must not be below the lowest.";
    const { minPropensity, maxPropensity } = readPropensity(r, at, num);
    if (minPropensity !== undefined && maxPropensity !== undefined && minPropensity > maxPropensity)
      errors[`${at}.when.maxPropensity`] = "The highest propensity to pay must not be below the lowest.";
    if (r.channels.length > 6) errors[`${at}.channels`] = "Choose at most 6 channels.";
    if (r.priority < BOUNDS.priority.min || r.priority > BOUNDS.priority.max)
      errors[`${at}.priority`] = "Choose a priority from 1 to 5.";
    const dueInHours = num(`${at}.dueInHours`, r.dueInHours, "the due time", {
      above: 0,
      max: BOUNDS.dueInHours.max,
    });
    const when: PolicyRule["when"] = {
      ...(r.tiers.length > 0 ? { tiers: r.tiers } : {}),
      ...(r.buckets.length > 0 ? { buckets: r.buckets } : {}),
      ...(r.promise.length > 0 ? { promise: r.promise } : {}),
      ...(r.arrangement.length > 0 ? { arrangement: r.arrangement } : {}),
      ...(minBalance !== undefined ? { minBalance } : {}),
      ...(maxBalance !== undefined ? { maxBalance } : {}),
      ...(minPropensity !== undefined ? { minPropensity } : {}),
      ...(maxPropensity !== undefined ? { maxPropensity } : {}),
    };
    return {
      name,
      when,
      action: r.action,
      channels: r.channels,
      priority: r.priority,
      dueInHours: dueInHours ?? 0,
    };
  });
  if (draft.rules.length > 0) {
    const missing = uncoveredCases(rules);
    if (missing.length > 0) errors.rules = describeUncovered(missing);
  }

  const c = draft.contactRules;
  const maxCalls = num(
    "contactRules.maxCallAttemptsPer7Days",
    c.maxCallAttemptsPer7Days,
    "the call attempts",
    {
      integer: true,
      ...BOUNDS.maxCallAttemptsPer7Days,
    },
  );
  const quietDays = num(
    "contactRules.noCallDaysAfterConversation",
    c.noCallDaysAfterConversation,
    "the days without calls",
    { integer: true, ...BOUNDS.noCallDaysAfterConversation },
  );
  const start = readClock(c.windowStart);
  if (start === null) errors["contactRules.windowStartMinutes"] = "Enter the time contact may start.";
  const endClock = readClock(c.windowEnd);
  // A window that ends at 00:00 ends at midnight, the end of the day.
  const end = endClock === 0 ? MINUTES_PER_DAY : endClock;
  if (end === null) errors["contactRules.windowEndMinutes"] = "Enter the time contact must stop.";
  else if (start !== null && start >= end)
    errors["contactRules.windowEndMinutes"] = "The contact window must end after it starts.";
  const seen = new Set<string>();
  c.holidays.forEach((h, j) => {
    if (!DATE.test(h.date) || Number.isNaN(Date.parse(`${h.date}T00:00:00Z`)))
      errors[`contactRules.holidays.${j}`] = "Enter the holiday's date, or remove it.";
    else if (seen.has(h.date)) errors[`contactRules.holidays.${j}`] = "This date is listed twice.";
    seen.add(h.date);
  });

  const b = draft.brokenPromise;
  const priorityBoost = num("brokenPromise.priorityBoost", b.priorityBoost, "the priority boost", {
    integer: true,
    ...BOUNDS.priorityBoost,
  });
  const dueFactor = num("brokenPromise.dueFactor", b.dueFactor, "the due-time factor", {
    above: 0,
    ...BOUNDS.dueFactor,
  });

  if (Object.keys(errors).length > 0) return { definition: null, errors };
  return {
    errors,
    definition: {
      rules,
      contactRules: {
        maxCallAttemptsPer7Days: maxCalls ?? 0,
        noCallDaysAfterConversation: quietDays ?? 0,
        windowStartMinutes: start ?? 0,
        windowEndMinutes: end ?? MINUTES_PER_DAY,
        holidays: [...seen].sort(),
      },
      brokenPromise: { priorityBoost: priorityBoost ?? 0, dueFactor: dueFactor ?? 1 },
    },
  };
}
