import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { graphQLErrorCode } from "../../../core/apollo/errorCodes";
import { graphQLErrorMessage, problemsByField } from "../../../core/apollo/errorDetails";
import { useIdempotencyKey } from "../../../core/apollo/useIdempotencyKey";
import { browserTimeZone } from "../../../core/format/instants";
import { formatInstant, wallTimeToInstant } from "../../../core/format/zonedTime";
import { INPUT } from "../../../core/ui/buttonStyles";
import { Field } from "../../../core/ui/form/Field";
import { FormError, FormSuccess } from "../../../core/ui/form/FormFeedback";
import { focusFirstInvalid } from "../../../core/ui/form/focusFirstInvalid";
import { SubmitButton } from "../../../core/ui/form/SubmitButton";
import type {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
} from "../../../gql/graphql";
import { CHANNEL_NAMES, channelName, DIRECTION_NAMES, OUTCOME_NAMES, outcomeName } from "../caseLabels";
import {
  type ContactFormErrors,
  type ContactFormValues,
  contactRequest,
  MAX_DURATION_MINUTES,
  nowAsWallTime,
  TIMED_CHANNELS,
} from "../contactFormRules";
import { type ContactVerdict, refusedContactVerdict } from "../contactVerdict";
import { LOG_CONTACT_MUTATION } from "../graphql/caseMutations";
import { ContactCheckStatus } from "./ContactCheckStatus";
import { ContactRuleNotice } from "./ContactRuleNotice";

const CHANNELS = Object.keys(CHANNEL_NAMES) as CommunicationChannel[];
const OUTCOMES = Object.keys(OUTCOME_NAMES) as CommunicationOutcome[];
const DIRECTIONS = Object.keys(DIRECTION_NAMES) as CommunicationDirection[];

/** The contact just logged, for the promise form to tie a promise to the call it was made in. */
export interface LoggedContact {
  id: string;
  outcome: CommunicationOutcome;
  channel: CommunicationChannel;
  startedAt: string;
}

type Failure =
  | { kind: "refused"; verdict: ContactVerdict; channel: CommunicationChannel }
  | { kind: "error"; message: string };

const FIELD_OF_PROBLEM: Record<string, keyof ContactFormErrors> = {
  outcome: "outcome",
  startedAt: "startedAt",
  durationSeconds: "durationMinutes",
  callbackAt: "callbackAt",
  notes: "notes",
};

function freshValues(
  channel: CommunicationChannel,
  direction: CommunicationDirection = "OUTBOUND",
): ContactFormValues {
  return {
    channel,
    direction,
    outcome: "",
    startedAt: nowAsWallTime(),
    durationMinutes: "",
    callbackAt: "",
    notes: "",
  };
}

/**
 * Logs a call, message or visit as it happened. Before an outbound contact it shows whether the contact rules
 * allow it now; a refusal names the rule and when contact is next allowed, in both local times.
 */
export function LogContactForm({
  loanId,
  borrowerTimeZone,
  defaultChannel,
  onLogged,
}: {
  loanId: string;
  borrowerTimeZone: string;
  defaultChannel: CommunicationChannel;
  onLogged: (contact: LoggedContact) => void;
}) {
  const [values, setValues] = useState(() => freshValues(defaultChannel));
  const [errors, setErrors] = useState<ContactFormErrors>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [logContact, { loading }] = useMutation(LOG_CONTACT_MUTATION, {
    refetchQueries: ["CaseView", "ContactCheck"],
    awaitRefetchQueries: true,
  });
  const idempotency = useIdempotencyKey();

  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSuccess(null);
    // A message about the old value would mislead once it is changed.
    setErrors((e) => (key in e ? { ...e, [key]: undefined } : e));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    setSuccess(null);
    const result = contactRequest(values, borrowerTimeZone);
    if ("errors" in result) {
      setErrors(result.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    const request = { loanId, ...result.request };
    try {
      const { data } = await logContact({
        variables: { input: { ...request, idempotencyKey: idempotency.keyFor(request) } },
      });
      idempotency.succeeded();
      const payload = data?.logContact;
      if (!payload) return;
      const { contact } = payload;
      const when = formatInstant(contact.startedAt) ?? contact.startedAt;
      let message = `Contact recorded: ${channelName(contact.channel)}, ${contact.direction.toLowerCase()}, ${outcomeName(contact.outcome)}, ${when}.`;
      if (payload.followUp && contact.callbackAt) {
        const callback = formatInstant(contact.callbackAt, borrowerTimeZone) ?? contact.callbackAt;
        message +=
          payload.followUp === "AFTER_OPEN_TASK"
            ? ` The callback (${callback}, their time) follows once the open task is completed.`
            : ` A callback task is due ${callback}, their time.`;
      }
      setSuccess(message);
      onLogged(contact);
      // The next contact is often on the same channel and direction (a second attempt): keep those.
      setValues(freshValues(values.channel, values.direction));
    } catch (error) {
      const verdict = refusedContactVerdict(error, borrowerTimeZone);
      if (verdict) {
        setFailure({ kind: "refused", verdict, channel: request.channel });
      } else if (graphQLErrorCode(error) === "BAD_USER_INPUT") {
        const fieldErrors: ContactFormErrors = {};
        const rest: string[] = [];
        for (const [field, messages] of problemsByField(error)) {
          const target = FIELD_OF_PROBLEM[field];
          if (target) fieldErrors[target] = messages.join(" ");
          else rest.push(...messages);
        }
        setErrors(fieldErrors);
        focusFirstInvalid(form);
        if (rest.length > 0) setFailure({ kind: "error", message: rest.join(" ") });
      } else {
        setFailure({ kind: "error", message: graphQLErrorMessage(error) });
      }
    }
  };

  const timed = TIMED_CHANNELS.has(values.channel);
  const callbackInstant =
    values.outcome === "CALLBACK_REQUESTED" ? wallTimeToInstant(values.callbackAt, borrowerTimeZone) : null;
  const sameZone = borrowerTimeZone === browserTimeZone();

  return (
    <form noValidate onSubmit={submit} aria-label="Log a contact" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="log-contact-channel" label="Channel">
          {(control) => (
            <select
              {...control}
              className={INPUT}
              value={values.channel}
              onChange={(e) => set("channel", e.target.value as CommunicationChannel)}
            >
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {CHANNEL_NAMES[channel]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend className="block text-sm font-medium text-slate-900">Direction</legend>
          <div className="mt-1 space-y-1">
            {DIRECTIONS.map((direction) => (
              <label key={direction} className="flex items-center gap-2 text-sm text-slate-900">
                <input
                  type="radio"
                  name="log-contact-direction"
                  value={direction}
                  checked={values.direction === direction}
                  onChange={() => set("direction", direction)}
                  className="size-4 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                />
                {DIRECTION_NAMES[direction]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      {values.direction === "OUTBOUND" ? (
        <ContactCheckStatus loanId={loanId} channel={values.channel} />
      ) : (
        <p className="text-sm text-slate-700">
          Inbound contacts are always recorded: the contact rules do not apply.
        </p>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="log-contact-outcome" label="Outcome" error={errors.outcome}>
          {(control) => (
            <select
              {...control}
              required
              className={INPUT}
              value={values.outcome}
              onChange={(e) => set("outcome", e.target.value as ContactFormValues["outcome"])}
            >
              <option value="">Choose an outcome</option>
              {OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {OUTCOME_NAMES[outcome]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="log-contact-started"
          label="Started at (your time)"
          hint="Change it if the contact began earlier."
          error={errors.startedAt}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              required
              className={INPUT}
              value={values.startedAt}
              onChange={(e) => set("startedAt", e.target.value)}
            />
          )}
        </Field>
      </div>

      {timed && (
        <Field
          id="log-contact-duration"
          label="Duration in minutes"
          hint="Leave empty for an attempt that did not connect."
          error={errors.durationMinutes}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_DURATION_MINUTES}
              step={1}
              className={`${INPUT} sm:max-w-40`}
              value={values.durationMinutes}
              onChange={(e) => set("durationMinutes", e.target.value)}
            />
          )}
        </Field>
      )}

      {values.outcome === "CALLBACK_REQUESTED" && (
        <Field
          id="log-contact-callback"
          label={`Call back at (the borrower's time, ${borrowerTimeZone})`}
          hint={
            callbackInstant && !sameZone
              ? `That is ${formatInstant(callbackInstant.toISOString()) ?? ""} your time.`
              : "The time the borrower asked to be called, as they said it."
          }
          error={errors.callbackAt}
        >
          {(control) => (
            <input
              {...control}
              type="datetime-local"
              required
              className={INPUT}
              value={values.callbackAt}
              onChange={(e) => set("callbackAt", e.target.value)}
            />
          )}
        </Field>
      )}

      <Field
        id="log-contact-notes"
        label="Notes"
        hint="What was said, in a few words (optional)."
        error={errors.notes}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            className={INPUT}
            value={values.notes}
            onChange={(e) => set("notes", e.target.value)}
          />
        )}
      </Field>

      {failure?.kind === "refused" && (
        <FormError
          title={`Not recorded: the contact rules refuse this outbound contact (${channelName(failure.channel)}).`}
        >
          <ContactRuleNotice verdict={failure.verdict} />
          <p className="mt-2">An inbound contact (the borrower reached you) is always recorded.</p>
        </FormError>
      )}
      {failure?.kind === "error" && (
        <FormError title="The contact was not recorded">{failure.message}</FormError>
      )}
      <FormSuccess>{success}</FormSuccess>
      <SubmitButton pending={loading} pendingLabel="Recording…">
        Record contact
      </SubmitButton>
    </form>
  );
}
