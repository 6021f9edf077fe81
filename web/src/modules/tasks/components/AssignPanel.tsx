import { useId, useState } from "react";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "../../../core/ui/fieldStyles";
import { Spinner } from "../../../core/ui/Spinner";
import { AgentSelect } from "../../team/components/AgentSelect";
import type { TeamMember } from "../../team/graphql/teamMembers";

interface AssignPanelProps {
  count: number;
  agents: TeamMember[];
  showTeam: boolean;
  busy: boolean;
  onAssign: (agentId: string) => void;
  onClear: () => void;
}

/** Gives the selected tasks to one agent: assignTask for one, reassignTasks (all or nothing) for several. */
export function AssignPanel({ count, agents, showTeam, busy, onAssign, onClear }: AssignPanelProps) {
  const [agentId, setAgentId] = useState("");
  const selectId = useId();
  const label = count === 1 ? "Assign 1 task" : `Reassign ${count} tasks`;
  return (
    <form
      aria-label="Assign the selected tasks"
      className="flex flex-wrap items-end gap-3 rounded-lg bg-indigo-50 p-4 ring-1 ring-indigo-200"
      onSubmit={(e) => {
        e.preventDefault();
        if (agentId) onAssign(agentId);
      }}
    >
      <p className="basis-full text-sm font-medium text-indigo-950 sm:basis-auto sm:self-center">
        {count === 0 ? "Select tasks to give them to an agent." : `${count} selected`}
      </p>
      <AgentSelect
        id={selectId}
        label="Give to"
        agents={agents}
        value={agentId}
        onChange={setAgentId}
        emptyLabel="Choose an agent"
        showTeam={showTeam}
        className="min-w-48 flex-1 sm:flex-none"
      />
      <button type="submit" className={PRIMARY_BUTTON} disabled={busy || count === 0 || agentId === ""}>
        {busy && <Spinner className="size-4" />}
        {count === 0 ? "Assign" : label}
      </button>
      {count > 0 && (
        <button type="button" className={SECONDARY_BUTTON} onClick={onClear} disabled={busy}>
          Clear selection
        </button>
      )}
    </form>
  );
}
