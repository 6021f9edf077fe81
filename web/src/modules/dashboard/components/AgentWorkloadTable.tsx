import { formatInteger } from "../../../core/format/numbers";
import { formatShare } from "../../../core/format/shares";
import { Badge } from "../../../core/ui/Badge";
import { EmptyState } from "../../../core/ui/EmptyState";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import type { AgentWorkload } from "../graphql/teamWorkload";

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const TD = "whitespace-nowrap px-3 py-2 text-sm text-slate-700";
const NUM = `${TD} text-right tabular-nums`;

/** Over capacity is said in words next to the figure, not only by colour. */
function Load({ load }: { load: number | null }) {
  if (load === null) return <NotRecorded />;
  const text = formatShare(load);
  if (load > 1) return <Badge tone="danger">{text} (over capacity)</Badge>;
  if (load >= 0.9) return <Badge tone="warning">{text} (near capacity)</Badge>;
  return <>{text}</>;
}

function KeptRate({ agent }: { agent: AgentWorkload }) {
  const rate = formatShare(agent.promiseKeptRate);
  if (rate === null) return <NotRecorded />;
  return (
    <>
      {rate}{" "}
      <span className="text-xs text-slate-500">
        ({formatInteger(agent.promisesKept)} of {formatInteger(agent.promisesKept + agent.promisesBroken)})
      </span>
    </>
  );
}

interface AgentWorkloadTableProps {
  agents: readonly AgentWorkload[];
  /** Name each agent's team (a manager's view of every team). */
  showTeam: boolean;
}

/** Each active agent's open and started work against their capacity, what is overdue and done today. */
export function AgentWorkloadTable({ agents, showTeam }: AgentWorkloadTableProps) {
  if (agents.length === 0) {
    return (
      <EmptyState title="No active agents">
        Agents of this team appear here once they are on the roster.
      </EmptyState>
    );
  }
  return (
    <>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full divide-y divide-slate-200">
          <caption className="sr-only">Agent workload</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={TH}>
                Agent
              </th>
              {showTeam && (
                <th scope="col" className={TH}>
                  Team
                </th>
              )}
              <th scope="col" className={`${TH} text-right`}>
                Open
              </th>
              <th scope="col" className={`${TH} text-right`}>
                In progress
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Overdue
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Capacity
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Load
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Done today
              </th>
              <th scope="col" className={`${TH} text-right`}>
                Promises kept
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {agents.map((a) => (
              <tr key={a.agentId} data-agent={a.displayName}>
                <th scope="row" className={`${TD} text-left font-medium text-slate-900`}>
                  {a.displayName}
                </th>
                {showTeam && <td className={TD}>{a.teamName ?? <NotRecorded />}</td>}
                <td className={NUM}>{formatInteger(a.open)}</td>
                <td className={NUM}>{formatInteger(a.inProgress)}</td>
                <td className={NUM}>{formatInteger(a.overdue)}</td>
                <td className={NUM}>{formatInteger(a.capacity)}</td>
                <td className={NUM}>
                  <Load load={a.load} />
                </td>
                <td className={NUM}>{formatInteger(a.doneToday)}</td>
                <td className={NUM}>
                  <KeptRate agent={a} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="space-y-2 md:hidden" aria-label="Agent workload">
        {agents.map((a) => (
          <li key={a.agentId} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
            <p className="font-medium text-slate-900">
              {a.displayName}
              {showTeam && a.teamName && <span className="font-normal text-slate-500"> · {a.teamName}</span>}
            </p>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">Open / in progress</dt>
              <dd className="tabular-nums">
                {formatInteger(a.open)} / {formatInteger(a.inProgress)}
              </dd>
              <dt className="text-slate-500">Overdue</dt>
              <dd className="tabular-nums">{formatInteger(a.overdue)}</dd>
              <dt className="text-slate-500">Capacity</dt>
              <dd className="tabular-nums">{formatInteger(a.capacity)}</dd>
              <dt className="text-slate-500">Load</dt>
              <dd>
                <Load load={a.load} />
              </dd>
              <dt className="text-slate-500">Done today</dt>
              <dd className="tabular-nums">{formatInteger(a.doneToday)}</dd>
              <dt className="text-slate-500">Promises kept</dt>
              <dd>
                <KeptRate agent={a} />
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
