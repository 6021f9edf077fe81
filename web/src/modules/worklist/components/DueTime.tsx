import { formatDateTime } from "../../../core/format/dateTime";

/** When the task is due, in the agent's time; a missed due time is called out in words, not colour alone. */
export function DueTime({ dueAt, now }: { dueAt: string; now: number }) {
  const when = formatDateTime(dueAt) ?? dueAt;
  if (Date.parse(dueAt) < now) {
    return (
      <span className="font-semibold text-red-800">
        <span aria-hidden="true">⚠ </span>Overdue, was due <time dateTime={dueAt}>{when}</time>
      </span>
    );
  }
  return (
    <span className="text-slate-900">
      <time dateTime={dueAt}>{when}</time>
    </span>
  );
}
