import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { graphQLErrorMessage } from "../../../core/apollo/errorDetails";
import { useIdempotencyKey } from "../../../core/apollo/useIdempotencyKey";
import { formatInstant } from "../../../core/format/zonedTime";
import { Badge } from "../../../core/ui/Badge";
import { PRIMARY_BUTTON } from "../../../core/ui/buttonStyles";
import { FormError, FormSuccess } from "../../../core/ui/form/FormFeedback";
import { Spinner } from "../../../core/ui/Spinner";
import { useSession } from "../../auth/hooks/useSession";
import { actionLabel } from "../../loans/loanLabels";
import { taskStatusName } from "../caseLabels";
import { CASE_SECTIONS } from "../focusSection";
import { START_TASK_MUTATION } from "../graphql/caseMutations";
import type { CaseTask } from "../graphql/caseView";
import { REFRESH_CASE } from "../graphql/refreshCase";
import { CaseSection } from "./CaseSection";
import { CompleteTaskForm } from "./CompleteTaskForm";

/** The loan's open task: what it asks, by when, and the buttons that start and complete it. */
export function TaskPanel({ task, escalation }: { task: CaseTask | null; escalation: CaseTask | null }) {
  const { session } = useSession();
  const [startTask, { loading: starting }] = useMutation(START_TASK_MUTATION, REFRESH_CASE);
  const [startError, setStartError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The start button is gone once the task is in progress: the keyboard moves on to the outcome.
  const [justStarted, setJustStarted] = useState(false);
  const idempotency = useIdempotencyKey();

  const start = async (taskId: string) => {
    setStartError(null);
    setDone(null);
    try {
      await startTask({ variables: { taskId, idempotencyKey: idempotency.keyFor({ taskId }) } });
      idempotency.succeeded();
      setJustStarted(true);
      setDone("Task started: record its outcome below when you are done.");
    } catch (error) {
      setStartError(graphQLErrorMessage(error));
    }
  };

  return (
    <CaseSection id={CASE_SECTIONS.task} title="Task">
      {escalation && (
        <p className="mb-3 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-950 ring-1 ring-sky-600/20 ring-inset">
          Escalated to the recovery managers (
          {escalation.status === "OPEN" ? "waiting for a manager" : "taken by a manager"}
          ), for action by {formatInstant(escalation.dueAt) ?? escalation.dueAt}.
        </p>
      )}
      {task === null ? (
        <p className="text-sm text-slate-700">No open task on this loan.</p>
      ) : (
        <div className="space-y-3">
          <div>
            <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
              {actionLabel(task.actionType)}
              <Badge tone={task.status === "IN_PROGRESS" ? "info" : "neutral"}>
                {taskStatusName(task.status)}
              </Badge>
            </p>
            <p className="mt-1 text-sm text-slate-700">
              Priority {task.priority} · due{" "}
              <time dateTime={task.dueAt}>{formatInstant(task.dueAt) ?? task.dueAt}</time>
              {task.assigneeId && task.assigneeId !== session?.user.id && " · assigned to another agent"}
            </p>
            {task.handoverNote && (
              <p className="mt-2 text-sm text-slate-700">
                <span className="font-medium">Recovery manager's note:</span> {task.handoverNote}
              </p>
            )}
          </div>
          {task.status === "OPEN" && (
            <button
              type="button"
              className={PRIMARY_BUTTON}
              disabled={starting}
              onClick={() => void start(task.id)}
            >
              {starting && <Spinner className="size-4" />}
              {starting ? "Starting…" : "Start task"}
            </button>
          )}
          {task.status === "IN_PROGRESS" && (
            <CompleteTaskForm
              taskId={task.id}
              autoFocus={justStarted}
              onCompleted={(message) => {
                setJustStarted(false);
                setDone(message);
              }}
            />
          )}
          {startError && <FormError title="The task was not started">{startError}</FormError>}
        </div>
      )}
      <div className="mt-3">
        <FormSuccess>{done}</FormSuccess>
      </div>
    </CaseSection>
  );
}
