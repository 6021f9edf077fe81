import { Link } from "react-router";
import { formatDateTime } from "../../../core/format/dateTime";
import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { TEXT_LINK } from "../../../core/ui/fieldStyles";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { actionLabel, tierLabel, tierTone } from "../../loans/loanLabels";
import type { TeamTask } from "../graphql/teamTasks";
import { isReassignable, TASK_STATUS_LABELS, TASK_STATUS_TONES } from "../taskLabels";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const TD = "whitespace-nowrap px-3 py-2 text-sm text-slate-700";
const NUM = `${TD} text-right tabular-nums`;
const CHECKBOX =
  "size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-40";

interface TaskTableProps {
  tasks: TeamTask[];
  selected: ReadonlySet<string>;
  onToggle: (taskId: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
  assigneeName: (assigneeId: string | null) => string | null;
  busy: boolean;
  /** Tasks the last refused move named, with why. */
  errors: ReadonlyMap<string, string>;
}

const isOverdue = (task: TeamTask) => isReassignable(task.status) && Date.parse(task.dueAt) < Date.now();

function Due({ task }: { task: TeamTask }) {
  return (
    <>
      {formatDateTime(task.dueAt) ?? <NotRecorded />}
      {isOverdue(task) && (
        <>
          {" "}
          <Badge tone="danger">Overdue</Badge>
        </>
      )}
    </>
  );
}

function Assignee({ name }: { name: string | null }) {
  return name ?? <span className="italic text-slate-600">Unassigned</span>;
}

/** The team's tasks with a checkbox each (finished ones cannot move); a card list below the md breakpoint. */
export function TaskTable({
  tasks,
  selected,
  onToggle,
  onToggleAll,
  assigneeName,
  busy,
  errors,
}: TaskTableProps) {
  const movable = tasks.filter((t) => isReassignable(t.status));
  const allOn = movable.length > 0 && movable.every((t) => selected.has(t.id));
  const checkbox = (task: TeamTask) => (
    <input
      type="checkbox"
      className={CHECKBOX}
      checked={selected.has(task.id)}
      disabled={!isReassignable(task.status)}
      onChange={(e) => onToggle(task.id, e.target.checked)}
      aria-label={`Select the task on loan ${task.loan.externalKey}`}
    />
  );
  const loanLink = (task: TeamTask) => (
    <Link to={`/loans/${encodeURIComponent(task.loan.id)}`} className={`font-mono ${TEXT_LINK}`}>
      {task.loan.externalKey}
    </Link>
  );
  const error = (task: TeamTask) =>
    errors.has(task.id) ? (
      <p className="mt-1 whitespace-normal text-xs font-medium text-red-800">
        Not moved: {errors.get(task.id)}
      </p>
    ) : null;

  return (
    <div aria-busy={busy} className={busy ? "opacity-60" : ""}>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full divide-y divide-slate-200">
          <caption className="sr-only">Tasks, most urgent first</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={`${TH} w-8`}>
                <input
                  type="checkbox"
                  className={CHECKBOX}
                  checked={allOn}
                  disabled={movable.length === 0}
                  onChange={(e) => onToggleAll(e.target.checked)}
                  aria-label="Select every task on this page that can move"
                />
              </th>
              <th scope="col" className={TH}>
                Loan
              </th>
              <th scope="col" className={TH}>
                Borrower
              </th>
              <th scope="col" className={TH}>
                Action
              </th>
              <th scope="col" className={TH}>
                Assignee
              </th>
              <th scope="col" className={TH}>
                Status
              </th>
              <th scope="col" className={TH}>
                Due
              </th>
              <th scope="col" className={TH}>
                Bucket
              </th>
              <th scope="col" className={`${TH} text-right`}>
                DPD
              </th>
              <th scope="col" className={TH}>
                Tier
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Overdue amount
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tasks.map((task) => (
              <tr
                key={task.id}
                data-task-id={task.id}
                className={selected.has(task.id) ? "bg-indigo-50" : undefined}
              >
                <td className={TD}>{checkbox(task)}</td>
                <th scope="row" className={`${TD} text-left font-medium`}>
                  {loanLink(task)}
                  {error(task)}
                </th>
                <td className={TD}>{task.loan.borrower.fullName ?? <NotRecorded />}</td>
                <td className={TD}>
                  {actionLabel(task.actionType)}
                  <span className="block text-xs text-slate-600">Priority {task.priority}</span>
                </td>
                <td className={TD} data-column="assignee">
                  <Assignee name={assigneeName(task.assigneeId)} />
                </td>
                <td className={TD}>
                  <Badge tone={TASK_STATUS_TONES[task.status]}>{TASK_STATUS_LABELS[task.status]}</Badge>
                </td>
                <td className={TD}>
                  <Due task={task} />
                </td>
                <td className={TD}>
                  <BucketBadge bucket={task.loan.bucket} />
                </td>
                <td className={NUM}>{formatInteger(task.loan.currentDpd)}</td>
                <td className={TD}>
                  {task.loan.latestScore ? (
                    <Badge tone={tierTone(task.loan.latestScore.tier)}>
                      {tierLabel(task.loan.latestScore.tier)}
                    </Badge>
                  ) : (
                    <NotRecorded />
                  )}
                </td>
                <td className={NUM}>
                  {formatMoney(task.loan.amountOverdue, task.loan.currency) ?? <NotRecorded />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-2 md:hidden" aria-label="Tasks, most urgent first">
        {tasks.map((task) => (
          <li
            key={task.id}
            data-task-id={task.id}
            className={`rounded-lg p-3 shadow-sm ring-1 ring-slate-200 ${selected.has(task.id) ? "bg-indigo-50" : "bg-white"}`}
          >
            <div className="flex items-start gap-3">
              <div className="pt-0.5">{checkbox(task)}</div>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  {loanLink(task)}
                  <Badge tone={TASK_STATUS_TONES[task.status]}>{TASK_STATUS_LABELS[task.status]}</Badge>
                </div>
                <p className="text-sm text-slate-900">{task.loan.borrower.fullName ?? <NotRecorded />}</p>
                {error(task)}
                <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-600">Action</dt>
                  <dd>{actionLabel(task.actionType)}</dd>
                  <dt className="text-slate-600">Assignee</dt>
                  <dd data-column="assignee">
                    <Assignee name={assigneeName(task.assigneeId)} />
                  </dd>
                  <dt className="text-slate-600">Due</dt>
                  <dd>
                    <Due task={task} />
                  </dd>
                  <dt className="text-slate-600">Bucket</dt>
                  <dd>
                    <BucketBadge bucket={task.loan.bucket} />
                  </dd>
                  <dt className="text-slate-600">Days past due</dt>
                  <dd className="tabular-nums">{formatInteger(task.loan.currentDpd)}</dd>
                </dl>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
