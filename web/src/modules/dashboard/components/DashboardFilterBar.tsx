import { FIELD_CONTROL, FIELD_LABEL } from "../../../core/ui/fieldStyles";
import type { PortfolioOption } from "../../loans/graphql/portfolios";
import type { TeamOption } from "../../team/hooks/useTeamMembers";
import { type DashboardFilters, MONTH_CHOICES } from "../hooks/useDashboardFilters";

interface DashboardFilterBarProps {
  filters: DashboardFilters;
  onChange: (next: Partial<DashboardFilters>) => void;
  portfolios: PortfolioOption[];
  /** Teams to choose from; null for a supervisor, whose dashboard is always their own team's. */
  teams: TeamOption[] | null;
}

export function DashboardFilterBar({ filters, onChange, portfolios, teams }: DashboardFilterBarProps) {
  return (
    <form
      aria-label="Dashboard filters"
      className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <div>
        <label htmlFor="dashboard-portfolio" className={FIELD_LABEL}>
          Portfolio
        </label>
        <select
          id="dashboard-portfolio"
          value={filters.portfolioId ?? ""}
          onChange={(e) => onChange({ portfolioId: e.target.value || null })}
          className={FIELD_CONTROL}
        >
          <option value="">All portfolios</option>
          {portfolios.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {teams && (
        <div>
          <label htmlFor="dashboard-team" className={FIELD_LABEL}>
            Team
          </label>
          <select
            id="dashboard-team"
            value={filters.teamId ?? ""}
            onChange={(e) => onChange({ teamId: e.target.value || null })}
            className={FIELD_CONTROL}
          >
            <option value="">Every team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="dashboard-months" className={FIELD_LABEL}>
          Trend period
        </label>
        <select
          id="dashboard-months"
          value={filters.months}
          onChange={(e) => onChange({ months: Number(e.target.value) })}
          className={FIELD_CONTROL}
        >
          {MONTH_CHOICES.map((m) => (
            <option key={m} value={m}>
              Last {m} months
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
