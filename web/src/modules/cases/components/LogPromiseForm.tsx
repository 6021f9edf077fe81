import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { graphQLErrorCode } from "../../../core/apollo/errorCodes";
import { graphQLErrorMessage, problemsByField } from "../../../core/apollo/errorDetails";
import { useIdempotencyKey } from "../../../core/apollo/useIdempotencyKey";
import { formatDate } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInstant } from "../../../core/format/zonedTime";
import { INPUT } from "../../../core/ui/buttonStyles";
import { CHECKBOX } from "../../../core/ui/form/checkboxStyle";
import { Field } from "../../../core/ui/form/Field";
import { FormError, FormSuccess } from "../../../core/ui/form/FormFeedback";
import { focusFirstInvalid } from "../../../core/ui/form/focusFirstInvalid";
import { SubmitButton } from "../../../core/ui/form/SubmitButton";
import { channelName } from "../caseLabels";
import { LOG_PROMISE_MUTATION } from "../graphql/caseMutations";
import { REFRESH_CASE } from "../graphql/refreshCase";
import {
  type PromiseFormErrors,
  type PromiseFormValues,
  promiseRequest,
  utcToday,
} from "../promiseFormRules";
import type { LoggedContact } from "./LogContactForm";

const EMPTY: PromiseFormValues = { amount: "", promisedDate: "" };

/** Records a borrower's promise to pay an amount by a day; it replaces the loan's pending promise. */
export function LogPromiseForm({
  loanId,
  balance,
  currency,
  lastContact,
}: {
  loanId: string;
  balance: string | null;
  currency: string;
  /** The contact logged in this visit: the promise is tied to it when it was made there. */
  lastContact: LoggedContact | null;
}) {
  const [values, setValues] = useState(EMPTY);
  const [linkContact, setLinkContact] = useState(true);
  const [errors, setErrors] = useState<PromiseFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [logPromise, { loading }] = useMutation(LOG_PROMISE_MUTATION, REFRESH_CASE);
  const idempotency = useIdempotencyKey();

  const set = (key: keyof PromiseFormValues, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSuccess(null);
    setErrors((e) => (key in e ? { ...e, [key]: undefined } : e));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    setSuccess(null);
    const result = promiseRequest(values, balance, currency);
    if ("errors" in result) {
      setErrors(result.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    const request = {
      loanId,
      ...result.request,
      communicationId: lastContact && linkContact ? lastContact.id : null,
    };
    try {
      const { data } = await logPromise({
        variables: { input: { ...request, idempotencyKey: idempotency.keyFor(request) } },
      });
      idempotency.succeeded();
      const promise = data?.logPromiseToPay;
      if (promise) {
        setSuccess(
          `Promise recorded: ${formatMoney(promise.amount, currency) ?? promise.amount} by ${formatDate(promise.promisedDate) ?? promise.promisedDate}. It replaces any pending promise on this loan.`,
        );
      }
      setValues(EMPTY);
    } catch (error) {
      if (graphQLErrorCode(error) === "BAD_USER_INPUT") {
        const byField = problemsByField(error);
        setErrors({
          amount: byField.get("amount")?.join(" "),
          promisedDate: byField.get("promisedDate")?.join(" "),
        });
        focusFirstInvalid(form);
        const rest = [...byField.entries()]
          .filter(([field]) => field !== "amount" && field !== "promisedDate")
          .flatMap(([, messages]) => messages);
        if (rest.length > 0) setFailure(rest.join(" "));
      } else {
        setFailure(graphQLErrorMessage(error));
      }
    }
  };

  const balanceText = formatMoney(balance, currency);
  return (
    <form noValidate onSubmit={submit} aria-label="Log a promise to pay" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="log-promise-amount"
          label={`Amount (${currency})`}
          hint={balanceText ? `At most the outstanding balance, ${balanceText}.` : undefined}
          error={errors.amount}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              required
              className={INPUT}
              value={values.amount}
              onChange={(e) => set("amount", e.target.value)}
            />
          )}
        </Field>
        <Field
          id="log-promise-date"
          label="Pay by"
          hint="Today or a later day, within the promise horizon."
          error={errors.promisedDate}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              required
              min={utcToday()}
              className={INPUT}
              value={values.promisedDate}
              onChange={(e) => set("promisedDate", e.target.value)}
            />
          )}
        </Field>
      </div>
      {lastContact && (
        <label className="flex items-start gap-2 text-sm text-slate-900">
          <input
            type="checkbox"
            className={`mt-0.5 ${CHECKBOX}`}
            checked={linkContact}
            onChange={(e) => setLinkContact(e.target.checked)}
          />
          Made in the contact just logged ({channelName(lastContact.channel)},{" "}
          {formatInstant(lastContact.startedAt) ?? lastContact.startedAt})
        </label>
      )}
      {failure && <FormError title="The promise was not recorded">{failure}</FormError>}
      <FormSuccess>{success}</FormSuccess>
      <SubmitButton pending={loading} pendingLabel="Recording…">
        Record promise
      </SubmitButton>
    </form>
  );
}
