import { useMutation } from "@apollo/client/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { graphQLErrorMessage } from "../../../core/apollo/errorDetails";
import { useIdempotencyKey } from "../../../core/apollo/useIdempotencyKey";
import { INPUT } from "../../../core/ui/buttonStyles";
import { Field } from "../../../core/ui/form/Field";
import { FormError } from "../../../core/ui/form/FormFeedback";
import { focusFirstInvalid } from "../../../core/ui/form/focusFirstInvalid";
import { SubmitButton } from "../../../core/ui/form/SubmitButton";
import type { TaskOutcome } from "../../../gql/graphql";
import { TASK_OUTCOME_NAMES, taskOutcomeName } from "../caseLabels";
import { COMPLETE_TASK_MUTATION } from "../graphql/caseMutations";
import { REFRESH_CASE } from "../graphql/refreshCase";

// ESCALATED is what escalating the case sets; the agent escalates with the escalation form instead.
const OUTCOMES = (Object.keys(TASK_OUTCOME_NAMES) as TaskOutcome[]).filter((o) => o !== "ESCALATED");
const MAX_NOTE = 2000;

/** Closes the task in progress with what came of it. */
export function CompleteTaskForm({
  taskId,
  autoFocus,
  onCompleted,
}: {
  taskId: string;
  autoFocus: boolean;
  onCompleted: (message: string) => void;
}) {
  const [outcome, setOutcome] = useState<TaskOutcome | "">("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ outcome?: string; note?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [completeTask, { loading }] = useMutation(COMPLETE_TASK_MUTATION, REFRESH_CASE);
  const idempotency = useIdempotencyKey();
  const outcomeRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (autoFocus) outcomeRef.current?.focus();
  }, [autoFocus]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(null);
    const trimmed = note.trim();
    const problems: { outcome?: string; note?: string } = {};
    if (outcome === "") problems.outcome = "Choose how the task ended.";
    if (trimmed.length > MAX_NOTE)
      problems.note = `Keep the note to ${MAX_NOTE} characters (now ${trimmed.length}).`;
    setErrors(problems);
    if (outcome === "" || Object.keys(problems).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    const request = { taskId, outcome, note: trimmed === "" ? null : trimmed };
    try {
      await completeTask({
        variables: { input: { ...request, idempotencyKey: idempotency.keyFor(request) } },
      });
      idempotency.succeeded();
      onCompleted(`Task completed: ${taskOutcomeName(outcome)}.`);
    } catch (error) {
      setFailure(graphQLErrorMessage(error));
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-label="Complete the task" className="space-y-4">
      <Field id="complete-task-outcome" label="Outcome" error={errors.outcome}>
        {(control) => (
          <select
            {...control}
            ref={outcomeRef}
            required
            className={INPUT}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as TaskOutcome | "")}
          >
            <option value="">Choose an outcome</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {TASK_OUTCOME_NAMES[o]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="complete-task-note"
        label="Note"
        hint="What happened, in words (optional)."
        error={errors.note}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            className={INPUT}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      {failure && <FormError title="The task was not completed">{failure}</FormError>}
      <SubmitButton pending={loading} pendingLabel="Completing…">
        Complete task
      </SubmitButton>
    </form>
  );
}
