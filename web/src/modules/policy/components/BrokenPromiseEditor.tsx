import type { Dispatch } from "react";
import { INPUT } from "../../../core/ui/buttonStyles";
import type { DraftAction } from "../hooks/usePolicyDraft";
import type { PolicyDraft } from "../policyDraft";
import { BOUNDS } from "../policyModel";
import type { FieldErrors } from "../validatePolicyDraft";
import { PolicyField } from "./PolicyField";

interface Props {
  brokenPromise: PolicyDraft["brokenPromise"];
  errors: FieldErrors;
  dispatch: Dispatch<DraftAction>;
}

/** How much more urgent a case becomes when the borrower broke a promise (or an arrangement instalment). */
export function BrokenPromiseEditor({ brokenPromise: b, errors, dispatch }: Props) {
  const set = (patch: Partial<PolicyDraft["brokenPromise"]>) => dispatch({ type: "brokenPromise", patch });
  return (
    <section
      aria-labelledby="policy-broken-promise"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="policy-broken-promise" className="text-lg font-semibold text-slate-900">
        Broken promises
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        When the borrower's latest promise to pay (or an instalment of their arrangement) was broken, the
        matching rule's case becomes more urgent.
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <PolicyField
          path="brokenPromise.priorityBoost"
          label="Priority steps added"
          hint={`A rule of priority 3 with 1 step becomes priority 2; never above 1 (${BOUNDS.priorityBoost.min} to ${BOUNDS.priorityBoost.max}).`}
          error={errors["brokenPromise.priorityBoost"]}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={BOUNDS.priorityBoost.min}
              max={BOUNDS.priorityBoost.max}
              step={1}
              className={INPUT}
              value={b.priorityBoost}
              onChange={(e) => set({ priorityBoost: e.target.value })}
            />
          )}
        </PolicyField>
        <PolicyField
          path="brokenPromise.dueFactor"
          label="Due-time factor"
          hint="The rule's due time is multiplied by this: 0.5 halves it, 1 keeps it (more than 0, at most 1)."
          error={errors["brokenPromise.dueFactor"]}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="decimal"
              min={0}
              max={BOUNDS.dueFactor.max}
              step="any"
              className={INPUT}
              value={b.dueFactor}
              onChange={(e) => set({ dueFactor: e.target.value })}
            />
          )}
        </PolicyField>
      </div>
    </section>
  );
}
