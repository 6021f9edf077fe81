import { type Dispatch, useRef, useState } from "react";
import { SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import type { DraftAction } from "../hooks/usePolicyDraft";
import { newRuleDraft, type RuleDraft } from "../policyDraft";
import type { FieldErrors } from "../validatePolicyDraft";
import { RuleEditor } from "./RuleEditor";

interface Props {
  rules: RuleDraft[];
  errors: FieldErrors;
  expanded: ReadonlySet<string>;
  onExpandedChange: (expanded: ReadonlySet<string>) => void;
  dispatch: Dispatch<DraftAction>;
}

/** The ordered rules: the first whose conditions all hold decides a case's action. */
export function RulesEditor({ rules, errors, expanded, onExpandedChange, dispatch }: Props) {
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const add = (at: "first" | "last") => {
    const rule = newRuleDraft();
    dispatch({ type: "addRule", at, rule });
    onExpandedChange(new Set([...expanded, rule.key]));
    setFocusKey(rule.key);
  };
  const toggle = (key: string) => {
    const next = new Set(expanded);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onExpandedChange(next);
  };

  return (
    <section aria-labelledby="policy-rules" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2
            id="policy-rules"
            ref={headingRef}
            tabIndex={-1}
            className="text-lg font-semibold text-slate-900 focus:outline-none"
          >
            Rules
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            For each case, the first rule whose conditions all hold decides the action. Put narrow rules first
            and a catch-all rule for each risk tier last.
          </p>
        </div>
        <button type="button" className={SECONDARY_BUTTON} onClick={() => add("first")}>
          Add a rule first
        </button>
      </div>
      {errors.rules && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200">
          {errors.rules}
        </p>
      )}
      <ol aria-label="Rules, in the order they are tried" className="space-y-3">
        {rules.map((rule, index) => (
          <li key={rule.key}>
            <RuleEditor
              rule={rule}
              index={index}
              count={rules.length}
              errors={errors}
              expanded={expanded.has(rule.key)}
              autoFocusName={focusKey === rule.key}
              onToggle={() => toggle(rule.key)}
              onChange={(patch) => dispatch({ type: "updateRule", key: rule.key, patch })}
              onMove={(by) => dispatch({ type: "moveRule", key: rule.key, by })}
              onRemove={() => {
                dispatch({ type: "removeRule", key: rule.key });
                // The removed rule's buttons are gone: the list's heading keeps the place.
                headingRef.current?.focus();
              }}
            />
          </li>
        ))}
      </ol>
      <button type="button" className={SECONDARY_BUTTON} onClick={() => add("last")}>
        Add a rule last
      </button>
    </section>
  );
}
