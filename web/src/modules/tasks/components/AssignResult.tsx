import type { AssignOutcome } from "../hooks/useAssignTasks";

export type AssignReport =
  | { kind: "moved"; count: number; agentName: string }
  | { kind: "refused"; outcome: Extract<AssignOutcome, { ok: false }>; loanOf: (taskId: string) => string };

/** Says what the last assignment did: how many moved, or (all or nothing) why none did, task by task. */
export function AssignResult({ report }: { report: AssignReport | null }) {
  return (
    <div aria-live="polite">
      {report?.kind === "moved" && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900 ring-1 ring-emerald-200"
        >
          {report.count === 1 ? "1 task was" : `${report.count} tasks were`} given to {report.agentName}.
        </p>
      )}
      {report?.kind === "refused" && (
        <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-200">
          <h2 className="font-semibold">No task was moved</h2>
          {report.outcome.assigneeError && <p className="mt-1">{report.outcome.assigneeError}</p>}
          {report.outcome.taskErrors.length > 0 ? (
            <>
              <p className="mt-1">
                Take these tasks out of the selection, or refresh the list, and try again:
              </p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {report.outcome.taskErrors.map((e) => (
                  <li key={e.taskId}>
                    <span className="font-mono font-medium">{report.loanOf(e.taskId)}</span>:{" "}
                    {taskErrorText(e)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            !report.outcome.assigneeError && <p className="mt-1">{report.outcome.message}</p>
          )}
        </div>
      )}
    </div>
  );
}

/** The API's per-task sentence without the task's id (the loan names it for people). */
export function taskErrorText(e: { taskId: string; code: string; message: string }): string {
  if (e.code === "NOT_FOUND") return "this task is not in your team's work any more";
  const rest = e.message.replace(`Task ${e.taskId} `, "");
  return `this task ${rest}`;
}
