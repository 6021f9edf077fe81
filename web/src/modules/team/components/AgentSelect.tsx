import { FIELD_CONTROL, FIELD_LABEL } from "../../../core/ui/fieldStyles";
import type { TeamMember } from "../graphql/teamMembers";

interface AgentSelectProps {
  id: string;
  label: string;
  agents: TeamMember[];
  value: string;
  onChange: (agentId: string) => void;
  /** The first option's words ("Any agent", "Choose an agent"); its value is "". */
  emptyLabel: string;
  /** Name each agent's team (managers see several teams). */
  showTeam?: boolean;
  disabled?: boolean;
  className?: string;
}

export function AgentSelect({
  id,
  label,
  agents,
  value,
  onChange,
  emptyLabel,
  showTeam = false,
  disabled = false,
  className = "",
}: AgentSelectProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={FIELD_LABEL}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        className={FIELD_CONTROL}
      >
        <option value="">{emptyLabel}</option>
        {agents.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {showTeam && agent.team ? `${agent.displayName} (${agent.team.name})` : agent.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
