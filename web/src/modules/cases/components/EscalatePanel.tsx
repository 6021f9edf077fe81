import { useMutation } from "@apollo/client/react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { graphQLErrorMessage } from "../../../core/apollo/errorDetails";
import { useIdempotencyKey } from "../../../core/apollo/useIdempotencyKey";
import { formatInstant } from "../../../core/format/zonedTime";
import { INPUT, SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import { Field } from "../../../core/ui/form/Field";
import { FormError, FormSuccess } from "../../../core/ui/form/FormFeedback";
import { focusFirstInvalid } from "../../../core/ui/form/focusFirstInvalid";
import { SubmitButton } from "../../../core/ui/form/SubmitButton";
import type { EscalationReason } from "../../../gql/graphql";
import { ESCALATION_REASON_NAMES } from "../caseLabels";
import { CASE_SECTIONS } from "../focusSection";
import { ESCALATE_CASE_MUTATION } from "../graphql/caseMutations";
import type { CaseTask } from "../graphql/caseView";
import { REFRESH_CASE } from "../graphql/refreshCase";
import { CaseSection } from "./CaseSection";

// RECOMMENDED is set by rescoring only.
const REASONS = (Object.keys(ESCALATION_REASON_NAMES) as EscalationReason[]).filter(
  (r) => r !== "RECOMMENDED",
);
const MAX_NOTE = 2000;

/** Sends the case to the recovery managers' queue with a reason; the open task is closed or cancelled. */
export function EscalatePanel({ loanId, escalation }: { loanId: string; escalation: CaseTask | null }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<EscalationReason | "">("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ reason?: string; note?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [escalate, { loading }] = useMutation(ESCALATE_CASE_MUTATION, REFRESH_CASE);
  const idempotency = useIdempotencyKey();
  const formId = useId();
  const reasonRef = useRef<HTMLSelectElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);

  // Opening puts the keyboard on the reason; closing (cancel or done) returns it to the button.
  useEffect(() => {
    if (!toggled.current) return;
    if (open) reasonRef.current?.focus();
    else toggleRef.current?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    toggled.current = true;
    setOpen(next);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    const trimmed = note.trim();
    const problems: { reason?: string; note?: string } = {};
    if (reason === "") problems.reason = "Choose why the case needs a recovery manager.";
    if (reason === "OTHER" && trimmed === "") problems.note = "Say what the recovery manager should know.";
    if (trimmed.length > MAX_NOTE)
      problems.note = `Keep the note to ${MAX_NOTE} characters (now ${trimmed.length}).`;
    setErrors(problems);
    if (reason === "" || Object.keys(problems).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    const request = { loanId, reason, note: trimmed === "" ? null : trimmed };
    try {
      const { data } = await escalate({
        variables: { input: { ...request, idempotencyKey: idempotency.keyFor(request) } },
      });
      idempotency.succeeded();
      const due = data?.escalateCase.dueAt;
      setSuccess(
        `Case escalated: it is in the recovery managers' queue${due ? `, for action by ${formatInstant(due) ?? due}` : ""}.`,
      );
      toggle(false);
      setReason("");
      setNote("");
    } catch (error) {
      setFailure(graphQLErrorMessage(error));
    }
  };

  return (
    <CaseSection id={CASE_SECTIONS.escalate} title="Escalate to a recovery manager">
      <FormSuccess>{success}</FormSuccess>
      {escalation ? (
        <p className="text-sm text-slate-700">
          This case is already in the recovery managers' queue (
          {escalation.status === "OPEN" ? "waiting for a manager" : "taken by a manager"}).
        </p>
      ) : !open ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            For cases beyond what an agent may agree: repeated broken promises, refusal, hardship, fraud.
          </p>
          <button
            type="button"
            className={SECONDARY_BUTTON}
            aria-expanded={false}
            aria-controls={formId}
            ref={toggleRef}
            onClick={() => {
              toggle(true);
              setSuccess(null);
            }}
          >
            Escalate this case…
          </button>
        </div>
      ) : (
        <form id={formId} noValidate onSubmit={submit} aria-label="Escalate the case" className="space-y-4">
          <Field id="escalate-reason" label="Reason" error={errors.reason}>
            {(control) => (
              <select
                {...control}
                ref={reasonRef}
                required
                className={INPUT}
                value={reason}
                onChange={(e) => setReason(e.target.value as EscalationReason | "")}
              >
                <option value="">Choose a reason</option>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {ESCALATION_REASON_NAMES[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="escalate-note"
            label="Note for the recovery manager"
            hint={reason === "OTHER" ? "Required: say what the matter is." : "Optional."}
            error={errors.note}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                className={INPUT}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
          {failure && <FormError title="The case was not escalated">{failure}</FormError>}
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={loading} pendingLabel="Escalating…">
              Escalate case
            </SubmitButton>
            <button type="button" className={SECONDARY_BUTTON} onClick={() => toggle(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </CaseSection>
  );
}
