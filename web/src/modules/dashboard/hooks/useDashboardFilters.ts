import { useSearchParams } from "react-router";

export const MONTH_CHOICES = [3, 6, 12] as const;
const DEFAULT_MONTHS = 6;

export interface DashboardFilters {
  portfolioId: string | null;
  teamId: string | null;
  months: number;
}

/** The dashboard's filters live in the URL, so a shared link or the back button shows the same figures. */
export function useDashboardFilters(): [DashboardFilters, (next: Partial<DashboardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const months = Number(params.get("months"));
  const filters: DashboardFilters = {
    portfolioId: params.get("portfolio") || null,
    teamId: params.get("team") || null,
    months: (MONTH_CHOICES as readonly number[]).includes(months) ? months : DEFAULT_MONTHS,
  };
  const update = (next: Partial<DashboardFilters>) => {
    const merged = { ...filters, ...next };
    const out = new URLSearchParams();
    if (merged.portfolioId) out.set("portfolio", merged.portfolioId);
    if (merged.teamId) out.set("team", merged.teamId);
    if (merged.months !== DEFAULT_MONTHS) out.set("months", String(merged.months));
    setParams(out, { replace: true });
  };
  return [filters, update];
}
