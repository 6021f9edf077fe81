import { useId } from "react";
import { Badge } from "../../../core/ui/Badge";
import { ICON_BUTTON, INPUT, SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import type { ActionType } from "../../../gql/graphql";
import { actionLabel, bucketLabel, tierLabel } from "../../loans/loanLabels";
import type { RuleDraft } from "../policyDraft";
import { ARRANGEMENT_LABELS, describeConditions, describeOutcome, PROMISE_LABELS } from "../policyLabels";
import { ACTIONS, ARRANGEMENT_CONDITIONS, BOUNDS, BUCKETS, PROMISE_CONDITIONS, TIERS } from "../policyModel";
import { fractionOfPercent } from "../policyPercent";
import type { FieldErrors } from "../validatePolicyDraft";
import { ChannelOrder } from "./ChannelOrder";
import { CheckboxGroup } from "./CheckboxGroup";
import { PolicyField } from "./PolicyField";

interface RuleEditorProps {
  rule: RuleDraft;
  index: number;
  count: number;
  errors: FieldErrors;
  expanded: boolean;
  autoFocusName: boolean;
  onToggle: () => void;
  onChange: (patch: Partial<RuleDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

const optionalNumber = (raw: string): number | undefined =>
  raw.trim() === "" || !Number.isFinite(Number(raw)) ? undefined : Number(raw);
const optionalShare = (percent: string): number | undefined =>
  optionalNumber(percent) === undefined ? undefined : fractionOfPercent(percent);

/** One row of the policy: a summary line, and its fields when opened. */
export function RuleEditor(props: RuleEditorProps) {
  const { rule, index, count, errors, expanded, autoFocusName, onToggle, onChange, onMove, onRemove } = props;
  const id = useId();
  const at = `rules.${index}`;
  const err = (field: string) => errors[`${at}.${field}`];
  const problems = Object.keys(errors).filter((p) => p.startsWith(`${at}.`)).length;
  const name = rule.name.trim() || "Unnamed rule";
  const summary = `${describeConditions({
    ...(rule.tiers.length ? { tiers: rule.tiers } : {}),
    ...(rule.buckets.length ? { buckets: rule.buckets } : {}),
    ...(rule.promise.length ? { promise: rule.promise } : {}),
    ...(rule.arrangement.length ? { arrangement: rule.arrangement } : {}),
    minBalance: optionalNumber(rule.minBalance),
    maxBalance: optionalNumber(rule.maxBalance),
    minPropensity: optionalShare(rule.minPropensity),
    maxPropensity: optionalShare(rule.maxPropensity),
  })} → ${describeOutcome({ ...rule, when: {}, dueInHours: optionalNumber(rule.dueInHours) ?? 0 })}`;

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
        <div className="w-full min-w-0 sm:w-auto sm:flex-1">
          <h3 id={`${id}-title`} className="text-sm font-semibold break-words text-slate-900">
            Rule {index + 1}: {name}
          </h3>
          <p className="mt-0.5 text-sm break-words text-slate-700">{summary}</p>
          {problems > 0 && (
            <p className="mt-1">
              <Badge tone="danger">{problems === 1 ? "1 problem" : `${problems} problems`}</Badge>
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            className={SECONDARY_BUTTON}
            aria-expanded={expanded}
            aria-controls={`${id}-body`}
            onClick={onToggle}
          >
            {expanded ? "Close" : "Edit"}
            <span className="sr-only"> rule {index + 1}</span>
          </button>
          <button
            type="button"
            className={ICON_BUTTON}
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move rule ${index + 1} (${name}) up`}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            className={ICON_BUTTON}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move rule ${index + 1} (${name}) down`}
          >
            <span aria-hidden="true">↓</span>
          </button>
          <button
            type="button"
            className={ICON_BUTTON}
            onClick={onRemove}
            aria-label={`Remove rule ${index + 1} (${name})`}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      </div>

      <div id={`${id}-body`} hidden={!expanded} className="space-y-5 border-t border-slate-200 px-4 py-4">
        <PolicyField
          path={`${at}.name`}
          label="Name"
          hint={`Shown with each recommendation it makes; at most ${BOUNDS.ruleName.max} characters.`}
          error={err("name")}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              className={INPUT}
              value={rule.name}
              maxLength={BOUNDS.ruleName.max + 20}
              // biome-ignore lint/a11y/noAutofocus: a rule just added is filled in next; focus goes to it.
              autoFocus={autoFocusName}
              onChange={(e) => onChange({ name: e.target.value })}
            />
          )}
        </PolicyField>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">When every ticked condition holds</legend>
          <CheckboxGroup
            legend="Risk tiers"
            options={TIERS}
            labelOf={tierLabel}
            selected={rule.tiers}
            onChange={(tiers) => onChange({ tiers })}
          />
          <CheckboxGroup
            legend="Delinquency buckets"
            options={BUCKETS}
            labelOf={bucketLabel}
            selected={rule.buckets}
            onChange={(buckets) => onChange({ buckets })}
          />
          <CheckboxGroup
            legend="Latest promise to pay"
            options={PROMISE_CONDITIONS}
            labelOf={(p) => PROMISE_LABELS[p]}
            selected={rule.promise}
            onChange={(promise) => onChange({ promise })}
          />
          <CheckboxGroup
            legend="Payment arrangement"
            options={ARRANGEMENT_CONDITIONS}
            labelOf={(a) => ARRANGEMENT_LABELS[a]}
            selected={rule.arrangement}
            onChange={(arrangement) => onChange({ arrangement })}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <PolicyField
              path={`${at}.when.minBalance`}
              label="Lowest balance"
              hint="Outstanding balance in the loan's currency; empty: no lower bound."
              error={err("when.minBalance")}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="any"
                  className={INPUT}
                  value={rule.minBalance}
                  onChange={(e) => onChange({ minBalance: e.target.value })}
                />
              )}
            </PolicyField>
            <PolicyField
              path={`${at}.when.maxBalance`}
              label="Highest balance"
              hint="Empty: no upper bound. A rule with a balance band never matches a loan of unknown balance."
              error={err("when.maxBalance")}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="any"
                  className={INPUT}
                  value={rule.maxBalance}
                  onChange={(e) => onChange({ maxBalance: e.target.value })}
                />
              )}
            </PolicyField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <PolicyField
              path={`${at}.when.minPropensity`}
              label="Lowest propensity to pay (%)"
              hint="The chance that a loan past due pays at least half of what is overdue within 30 days. Empty: no lower bound."
              error={err("when.minPropensity")}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="decimal"
                  min={BOUNDS.propensityPercent.min}
                  max={BOUNDS.propensityPercent.max}
                  step="any"
                  className={INPUT}
                  value={rule.minPropensity}
                  onChange={(e) => onChange({ minPropensity: e.target.value })}
                />
              )}
            </PolicyField>
            <PolicyField
              path={`${at}.when.maxPropensity`}
              label="Highest propensity to pay (%)"
              hint="Empty: no upper bound. A rule with a propensity bound never matches a loan without a propensity score (one not past due, or with no propensity model)."
              error={err("when.maxPropensity")}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="decimal"
                  min={BOUNDS.propensityPercent.min}
                  max={BOUNDS.propensityPercent.max}
                  step="any"
                  className={INPUT}
                  value={rule.maxPropensity}
                  onChange={(e) => onChange({ maxPropensity: e.target.value })}
                />
              )}
            </PolicyField>
          </div>
        </fieldset>

        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">Then</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            <PolicyField path={`${at}.action`} label="Action" error={err("action")}>
              {(control) => (
                <select
                  {...control}
                  className={INPUT}
                  value={rule.action}
                  onChange={(e) => onChange({ action: e.target.value as ActionType })}
                >
                  {ACTIONS.map((a) => (
                    <option key={a} value={a}>
                      {actionLabel(a)}
                    </option>
                  ))}
                </select>
              )}
            </PolicyField>
            <PolicyField
              path={`${at}.priority`}
              label="Priority"
              hint="1 is the most urgent."
              error={err("priority")}
            >
              {(control) => (
                <select
                  {...control}
                  className={INPUT}
                  value={rule.priority}
                  onChange={(e) => onChange({ priority: Number(e.target.value) })}
                >
                  {[1, 2, 3, 4, 5].map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              )}
            </PolicyField>
            <PolicyField
              path={`${at}.dueInHours`}
              label="Due in (hours)"
              hint={`More than 0, at most ${BOUNDS.dueInHours.max} (60 days).`}
              error={err("dueInHours")}
            >
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={BOUNDS.dueInHours.max}
                  step="any"
                  className={INPUT}
                  value={rule.dueInHours}
                  onChange={(e) => onChange({ dueInHours: e.target.value })}
                />
              )}
            </PolicyField>
          </div>
          <ChannelOrder
            path={`${at}.channels`}
            channels={rule.channels}
            error={err("channels")}
            onChange={(channels) => onChange({ channels })}
          />
        </fieldset>
      </div>
    </section>
  );
}
