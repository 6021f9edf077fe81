import type { Dispatch } from "react";
import { ICON_BUTTON, INPUT, INPUT_INLINE, SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import type { DraftAction } from "../hooks/usePolicyDraft";
import type { PolicyDraft } from "../policyDraft";
import { BOUNDS } from "../policyModel";
import type { FieldErrors } from "../validatePolicyDraft";
import { fieldId, PolicyField } from "./PolicyField";

interface Props {
  contactRules: PolicyDraft["contactRules"];
  errors: FieldErrors;
  dispatch: Dispatch<DraftAction>;
}

/** How often and when borrowers may be contacted, for every recommendation and every agent's contact. */
export function ContactRulesEditor({ contactRules: c, errors, dispatch }: Props) {
  const set = (patch: Partial<PolicyDraft["contactRules"]>) => dispatch({ type: "contactRules", patch });
  return (
    <section
      aria-labelledby="policy-contact-rules"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="policy-contact-rules" className="text-lg font-semibold text-slate-900">
        Contact rules
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        They apply to every borrower, on top of each borrower's own restrictions (do not contact, opted-out
        channels, preferred hours).
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <PolicyField
          path="contactRules.maxCallAttemptsPer7Days"
          label="Call attempts per 7 days"
          hint={`At most this many calls to a borrower in any 7 days (${BOUNDS.maxCallAttemptsPer7Days.min} to ${BOUNDS.maxCallAttemptsPer7Days.max}).`}
          error={errors["contactRules.maxCallAttemptsPer7Days"]}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={BOUNDS.maxCallAttemptsPer7Days.min}
              max={BOUNDS.maxCallAttemptsPer7Days.max}
              step={1}
              className={INPUT}
              value={c.maxCallAttemptsPer7Days}
              onChange={(e) => set({ maxCallAttemptsPer7Days: e.target.value })}
            />
          )}
        </PolicyField>
        <PolicyField
          path="contactRules.noCallDaysAfterConversation"
          label="Days without calls after a conversation"
          hint={`No call for this many days after the borrower was reached by phone (${BOUNDS.noCallDaysAfterConversation.min} to ${BOUNDS.noCallDaysAfterConversation.max}).`}
          error={errors["contactRules.noCallDaysAfterConversation"]}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={BOUNDS.noCallDaysAfterConversation.min}
              max={BOUNDS.noCallDaysAfterConversation.max}
              step={1}
              className={INPUT}
              value={c.noCallDaysAfterConversation}
              onChange={(e) => set({ noCallDaysAfterConversation: e.target.value })}
            />
          )}
        </PolicyField>
        <PolicyField
          path="contactRules.windowStartMinutes"
          label="Contact window starts"
          hint="In each borrower's own local time."
          error={errors["contactRules.windowStartMinutes"]}
        >
          {(control) => (
            <input
              {...control}
              type="time"
              className={INPUT}
              value={c.windowStart}
              onChange={(e) => set({ windowStart: e.target.value })}
            />
          )}
        </PolicyField>
        <PolicyField
          path="contactRules.windowEndMinutes"
          label="Contact window ends"
          hint="Contact stops at this time; 00:00 means midnight at the end of the day."
          error={errors["contactRules.windowEndMinutes"]}
        >
          {(control) => (
            <input
              {...control}
              type="time"
              className={INPUT}
              value={c.windowEnd}
              onChange={(e) => set({ windowEnd: e.target.value })}
            />
          )}
        </PolicyField>
      </div>

      <fieldset className="mt-5">
        <legend className="text-sm font-medium text-slate-900">
          Holidays (no contact, borrower's local date)
        </legend>
        {c.holidays.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">No holidays.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {c.holidays.map((h, j) => {
              const path = `contactRules.holidays.${j}`;
              const error = errors[path];
              return (
                <li key={h.key}>
                  <div className="flex items-center gap-2">
                    <label htmlFor={fieldId(path)} className="sr-only">
                      Holiday {j + 1}
                    </label>
                    <input
                      id={fieldId(path)}
                      type="date"
                      className={INPUT_INLINE}
                      value={h.date}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${fieldId(path)}-error` : undefined}
                      onChange={(e) => dispatch({ type: "updateHoliday", key: h.key, date: e.target.value })}
                    />
                    <button
                      type="button"
                      className={ICON_BUTTON}
                      onClick={() => dispatch({ type: "removeHoliday", key: h.key })}
                      aria-label={`Remove holiday ${j + 1}${h.date ? ` (${h.date})` : ""}`}
                    >
                      <span aria-hidden="true">✕</span>
                    </button>
                  </div>
                  {error && (
                    <p id={`${fieldId(path)}-error`} className="mt-1 text-xs font-medium text-red-700">
                      {error}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <button
          type="button"
          className={`${SECONDARY_BUTTON} mt-2`}
          onClick={() => dispatch({ type: "addHoliday" })}
        >
          Add a holiday
        </button>
      </fieldset>
    </section>
  );
}
