import { useId, useRef, useState } from "react";
import { SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import { FormSuccess } from "../../../core/ui/form/FormFeedback";
import { humanizeCode } from "../../loans/loanLabels";
import { channelName } from "../caseLabels";
import { CASE_SECTIONS } from "../focusSection";
import type { CaseBorrower } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";
import { ContactPreferencesForm } from "./ContactPreferencesForm";

function restrictionLabel(code: string): string {
  if (code.startsWith("OPT_OUT_")) return `Opted out of ${channelName(code.slice("OPT_OUT_".length))}`;
  return humanizeCode(code);
}

/** What limits contact with the borrower (flags, opt-outs) and what they asked for, with a form to change it. */
export function ContactPreferencesPanel({ borrower }: { borrower: CaseBorrower }) {
  const prefs = borrower.contactPreferences;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const formId = useId();
  const toggle = useRef<HTMLButtonElement>(null);

  return (
    <CaseSection
      id={CASE_SECTIONS.preferences}
      title="Contact restrictions and preferences"
      actions={
        <button
          ref={toggle}
          type="button"
          className={SECONDARY_BUTTON}
          aria-expanded={editing}
          aria-controls={formId}
          onClick={() => {
            setEditing(!editing);
            setSaved(null);
          }}
        >
          {editing ? "Close the form" : "Change preferences"}
        </button>
      }
    >
      {borrower.contactRestrictions.length > 0 ? (
        <div
          role="note"
          className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-amber-600/30 ring-inset"
        >
          <h3 className="text-sm font-semibold">Contact restrictions</h3>
          <ul className="mt-1 list-inside list-disc text-sm">
            {borrower.contactRestrictions.map((restriction) => (
              <li key={restriction}>{restrictionLabel(restriction)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mb-4 text-sm text-slate-700">No contact restrictions on record.</p>
      )}
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600">Preferred channel</dt>
        <dd className="text-slate-900">
          {prefs.preferredChannel ? channelName(prefs.preferredChannel) : "No preference"}
        </dd>
        <dt className="text-slate-600">Preferred hours</dt>
        <dd className="text-slate-900">
          {prefs.preferredHours
            ? `${prefs.preferredHours.start}–${prefs.preferredHours.end} their time (${prefs.timeZone})`
            : "Any time within the policy's contact hours"}
        </dd>
        <dt className="text-slate-600">Opted out of</dt>
        <dd className="text-slate-900">
          {prefs.optOutChannels.length > 0 ? prefs.optOutChannels.map(channelName).join(", ") : "No channel"}
        </dd>
      </dl>
      <div className="mt-3">
        <FormSuccess>{saved}</FormSuccess>
      </div>
      {editing && (
        <div id={formId} className="mt-4 border-t border-slate-200 pt-4">
          <ContactPreferencesForm
            preferences={prefs}
            onSaved={(message) => {
              setSaved(message);
              setEditing(false);
              // The form and the button that submitted it are gone: keep the keyboard where it was.
              toggle.current?.focus();
            }}
          />
        </div>
      )}
    </CaseSection>
  );
}
