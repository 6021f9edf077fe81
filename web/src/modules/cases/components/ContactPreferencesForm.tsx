import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { graphQLErrorCode } from "../../../core/apollo/errorCodes";
import { graphQLErrorMessage, problemsByField } from "../../../core/apollo/errorDetails";
import { useIdempotencyKey } from "../../../core/apollo/useIdempotencyKey";
import { INPUT } from "../../../core/ui/buttonStyles";
import { CHECKBOX } from "../../../core/ui/form/checkboxStyle";
import { Field, FieldError } from "../../../core/ui/form/Field";
import { FormError } from "../../../core/ui/form/FormFeedback";
import { focusFirstInvalid } from "../../../core/ui/form/focusFirstInvalid";
import { SubmitButton } from "../../../core/ui/form/SubmitButton";
import type { CommunicationChannel, UpdateContactPreferencesInput } from "../../../gql/graphql";
import { useSession } from "../../auth/hooks/useSession";
import { CHANNEL_NAMES } from "../caseLabels";
import { UPDATE_CONTACT_PREFERENCES_MUTATION } from "../graphql/caseMutations";
import type { CaseBorrower } from "../graphql/caseView";
import { REFRESH_CASE } from "../graphql/refreshCase";

type Preferences = CaseBorrower["contactPreferences"];
const CHANNELS = Object.keys(CHANNEL_NAMES) as CommunicationChannel[];

interface Values {
  doNotContact: boolean;
  disputed: boolean;
  optOuts: CommunicationChannel[];
  preferredChannel: CommunicationChannel | "";
  hoursStart: string;
  hoursEnd: string;
}

type Errors = Partial<Record<"preferredChannel" | "preferredHours" | "disputed" | "form", string>>;

function initialValues(p: Preferences): Values {
  return {
    doNotContact: p.doNotContact,
    disputed: p.disputed,
    optOuts: [...p.optOutChannels],
    preferredChannel: p.preferredChannel ?? "",
    hoursStart: p.preferredHours?.start ?? "",
    hoursEnd: p.preferredHours?.end ?? "",
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The changed fields only (left out is kept by the API), or the problems that stop the form. */
function changes(
  values: Values,
  before: Preferences,
): { input: Omit<UpdateContactPreferencesInput, "borrowerId" | "idempotencyKey"> } | { errors: Errors } {
  const errors: Errors = {};
  const { hoursStart, hoursEnd } = values;
  if ((hoursStart === "") !== (hoursEnd === "")) {
    errors.preferredHours = "Give both the start and the end of the hours, or neither.";
  } else if (hoursStart !== "" && hoursEnd <= hoursStart) {
    errors.preferredHours = "The hours must end after they start, within one day.";
  }
  if (values.preferredChannel !== "" && values.optOuts.includes(values.preferredChannel)) {
    errors.preferredChannel = `The borrower opted out of ${CHANNEL_NAMES[values.preferredChannel]}: lift that opt-out or choose another channel.`;
  }
  if (Object.keys(errors).length > 0) return { errors };

  const input: Omit<UpdateContactPreferencesInput, "borrowerId" | "idempotencyKey"> = {};
  if (values.doNotContact !== before.doNotContact) input.doNotContact = values.doNotContact;
  if (values.disputed !== before.disputed) input.disputed = values.disputed;
  if (!sameSet(values.optOuts, before.optOutChannels)) input.optOutChannels = values.optOuts;
  if ((values.preferredChannel || null) !== before.preferredChannel)
    input.preferredChannel = values.preferredChannel || null;
  const hoursBefore = before.preferredHours;
  if (hoursStart === "" && hoursBefore) input.preferredHours = null;
  if (hoursStart !== "" && (hoursStart !== hoursBefore?.start || hoursEnd !== hoursBefore?.end)) {
    input.preferredHours = { start: hoursStart, end: hoursEnd };
  }
  if (Object.keys(input).length === 0)
    return { errors: { form: "Nothing changed: change a preference first." } };
  return { input };
}

/** Records what the borrower asked about being contacted; it applies to all their loans at once. */
export function ContactPreferencesForm({
  preferences,
  onSaved,
}: {
  preferences: Preferences;
  onSaved: (message: string) => void;
}) {
  const { session } = useSession();
  const [values, setValues] = useState(() => initialValues(preferences));
  const [errors, setErrors] = useState<Errors>({});
  const [update, { loading }] = useMutation(UPDATE_CONTACT_PREFERENCES_MUTATION, REFRESH_CASE);
  const idempotency = useIdempotencyKey();
  // Agents record disputes; lifting one needs a supervisor, manager or admin once the debt is verified.
  const mayNotLiftDispute = session?.user.role === "AGENT" && preferences.disputed;

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const result = changes(values, preferences);
    if ("errors" in result) {
      setErrors(result.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    const input = { borrowerId: preferences.borrowerId, ...result.input };
    try {
      await update({ variables: { input: { ...input, idempotencyKey: idempotency.keyFor(input) } } });
      idempotency.succeeded();
      onSaved("Contact preferences saved: they apply to all of the borrower's loans.");
    } catch (error) {
      if (graphQLErrorCode(error) === "BAD_USER_INPUT") {
        const byField = problemsByField(error);
        setErrors({
          preferredChannel: byField.get("preferredChannel")?.join(" "),
          preferredHours: byField.get("preferredHours")?.join(" "),
          form:
            [...byField.entries()]
              .filter(([field]) => field !== "preferredChannel" && field !== "preferredHours")
              .flatMap(([, messages]) => messages)
              .join(" ") || undefined,
        });
        focusFirstInvalid(form);
      } else {
        setErrors({ form: graphQLErrorMessage(error) });
      }
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-label="Contact preferences" className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-900">Flags</legend>
        <label className="flex items-start gap-2 text-sm text-slate-900">
          <input
            type="checkbox"
            className={`mt-0.5 ${CHECKBOX}`}
            checked={values.doNotContact}
            onChange={(e) => set("doNotContact", e.target.checked)}
          />
          Do not contact: the borrower asked not to be contacted at all
        </label>
        <label className="flex items-start gap-2 text-sm text-slate-900">
          <input
            type="checkbox"
            className={`mt-0.5 ${CHECKBOX}`}
            checked={values.disputed}
            disabled={mayNotLiftDispute}
            aria-describedby={mayNotLiftDispute ? "prefs-dispute-hint" : undefined}
            onChange={(e) => set("disputed", e.target.checked)}
          />
          The borrower disputes the debt: no collection contact until it is resolved
        </label>
        {mayNotLiftDispute && (
          <p id="prefs-dispute-hint" className="text-xs text-slate-600">
            A supervisor, manager or admin lifts a dispute once the debt is verified.
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Channels the borrower refuses</legend>
        <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3">
          {CHANNELS.map((channel) => (
            <label key={channel} className="flex items-center gap-2 text-sm text-slate-900">
              <input
                type="checkbox"
                className={CHECKBOX}
                checked={values.optOuts.includes(channel)}
                onChange={(e) =>
                  set(
                    "optOuts",
                    e.target.checked
                      ? [...values.optOuts, channel]
                      : values.optOuts.filter((c) => c !== channel),
                  )
                }
              />
              {CHANNEL_NAMES[channel]}
            </label>
          ))}
        </div>
      </fieldset>

      <Field id="prefs-channel" label="Preferred channel" error={errors.preferredChannel}>
        {(control) => (
          <select
            {...control}
            className={INPUT}
            value={values.preferredChannel}
            onChange={(e) => set("preferredChannel", e.target.value as Values["preferredChannel"])}
          >
            <option value="">No preference</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_NAMES[channel]}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset aria-describedby={errors.preferredHours ? "prefs-hours-error" : "prefs-hours-hint"}>
        <legend className="text-sm font-medium text-slate-900">Preferred hours, the borrower's time</legend>
        <p id="prefs-hours-hint" className="mt-0.5 text-xs text-slate-600">
          In {preferences.timeZone}. They narrow the policy's contact hours, never widen them. Leave both
          empty for no preference.
        </p>
        <div className="mt-1 grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="prefs-hours-start" className="mb-1 block text-sm text-slate-900">
              From
            </label>
            <input
              id="prefs-hours-start"
              type="time"
              className={INPUT}
              value={values.hoursStart}
              aria-invalid={errors.preferredHours ? true : undefined}
              onChange={(e) => set("hoursStart", e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="prefs-hours-end" className="mb-1 block text-sm text-slate-900">
              Until
            </label>
            <input
              id="prefs-hours-end"
              type="time"
              className={INPUT}
              value={values.hoursEnd}
              aria-invalid={errors.preferredHours ? true : undefined}
              onChange={(e) => set("hoursEnd", e.target.value)}
            />
          </div>
        </div>
        {errors.preferredHours && <FieldError id="prefs-hours-error">{errors.preferredHours}</FieldError>}
      </fieldset>

      {errors.form && <FormError title="The preferences were not saved">{errors.form}</FormError>}
      <SubmitButton pending={loading} pendingLabel="Saving…">
        Save preferences
      </SubmitButton>
    </form>
  );
}
