import { FIELD_CONTROL, FIELD_LABEL } from "../../../core/ui/fieldStyles";
import { BUCKET_LABELS, TIER_LABELS } from "../../loans/loanLabels";
import type { TeamMember } from "../../team/graphql/teamMembers";
import type { TeamOption } from "../../team/hooks/useTeamMembers";
import { TASK_STATUS_LABELS } from "../taskLabels";
import { UNASSIGNED } from "../teamTaskFilter";

interface TaskFilterBarProps {
  params: URLSearchParams;
  onChange: (entries: Record<string, string | null>) => void;
  agents: TeamMember[];
  /** Teams to choose from (managers and admins); null for a supervisor. */
  teams: TeamOption[] | null;
}

function Select({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={FIELD_LABEL}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={FIELD_CONTROL}>
        {children}
      </select>
    </div>
  );
}

export function TaskFilterBar({ params, onChange, agents, teams }: TaskFilterBarProps) {
  const value = (key: string) => params.get(key) ?? "";
  const set = (key: string) => (v: string) => onChange({ [key]: v || null });
  return (
    <form
      aria-label="Task filters"
      onSubmit={(e) => e.preventDefault()}
      className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6"
    >
      {teams && (
        <Select id="tasks-team" label="Team" value={value("team")} onChange={set("team")}>
          <option value="">Every team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      )}
      <Select id="tasks-agent" label="Agent" value={value("agent")} onChange={set("agent")}>
        <option value="">Any agent</option>
        <option value={UNASSIGNED}>Nobody (unassigned)</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {teams && a.team ? `${a.displayName} (${a.team.name})` : a.displayName}
          </option>
        ))}
      </Select>
      <Select id="tasks-status" label="Status" value={value("status")} onChange={set("status")}>
        <option value="">Open or in progress</option>
        {Object.entries(TASK_STATUS_LABELS).map(([status, label]) => (
          <option key={status} value={status}>
            {label}
          </option>
        ))}
      </Select>
      <Select id="tasks-bucket" label="Bucket" value={value("bucket")} onChange={set("bucket")}>
        <option value="">Any bucket</option>
        {Object.entries(BUCKET_LABELS).map(([bucket, label]) => (
          <option key={bucket} value={bucket}>
            {label}
          </option>
        ))}
      </Select>
      <Select id="tasks-tier" label="Risk tier" value={value("tier")} onChange={set("tier")}>
        <option value="">Any tier</option>
        {Object.entries(TIER_LABELS).map(([tier, label]) => (
          <option key={tier} value={tier}>
            {label}
          </option>
        ))}
      </Select>
      <div className="flex items-end">
        <label className="inline-flex items-center gap-2 py-1.5 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={params.get("overdue") === "1"}
            onChange={(e) => onChange({ overdue: e.target.checked ? "1" : null })}
            className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          />
          Overdue only
        </label>
      </div>
    </form>
  );
}
