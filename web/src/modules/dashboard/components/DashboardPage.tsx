import type { ReactNode } from "react";
import { formatDate } from "../../../core/format/dates";
import { formatInstant } from "../../../core/format/zonedTime";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useSession } from "../../auth/hooks/useSession";
import { usePortfolios } from "../../loans/hooks/usePortfolios";
import { TeamLeadsOnly } from "../../team/components/TeamLeadsOnly";
import { useTeamMembers } from "../../team/hooks/useTeamMembers";
import { usePortfolioSummary, useTeamWorkload } from "../hooks/useDashboardData";
import { useDashboardFilters } from "../hooks/useDashboardFilters";
import { AgentWorkloadTable } from "./AgentWorkloadTable";
import { DashboardFilterBar } from "./DashboardFilterBar";
import { RepaymentTrends } from "./RepaymentTrends";
import { RiskHeatmap } from "./RiskHeatmap";
import { RollRateMatrix } from "./RollRateMatrix";
import { SummaryFigures } from "./SummaryFigures";
import { TopRiskyBorrowers } from "./TopRiskyBorrowers";

function Section({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div>
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {intro && <p className="text-sm text-slate-600">{intro}</p>}
      </div>
      {children}
    </section>
  );
}

/** Portfolio health for supervisors (their team's loans), managers and admins (every team, or one). */
export function DashboardPage() {
  const { session } = useSession();
  return session?.user.role === "AGENT" ? <TeamLeadsOnly title="Portfolio dashboard" /> : <Dashboard />;
}

function Dashboard() {
  const { session } = useSession();
  const isSupervisor = session?.user.role === "SUPERVISOR";
  const [filters, setFilters] = useDashboardFilters();
  const { portfolios } = usePortfolios();
  const { teams } = useTeamMembers({ skip: isSupervisor });
  const summary = usePortfolioSummary(filters);
  const workload = useTeamWorkload(filters.teamId);

  return (
    <>
      <title>Dashboard · CreditPathAI</title>
      <div className="space-y-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Portfolio dashboard</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isSupervisor ? "Your team's loans" : "Loans of the team and portfolio chosen"}, from operational
            portfolios
            {summary.summary?.asOfDate ? `, as of ${formatDate(summary.summary.asOfDate)}` : ""}.
          </p>
        </div>
        <DashboardFilterBar
          filters={filters}
          onChange={setFilters}
          portfolios={portfolios}
          teams={isSupervisor ? null : teams}
        />
        <PortfolioSections state={summary} />
        <Section
          id="workload-heading"
          title="Agent workload"
          intro={
            workload.workload
              ? `Today counts from ${formatInstant(workload.workload.todayStartsAt, workload.workload.businessTimeZone)}; promises logged since ${formatInstant(workload.workload.promisesSince, workload.workload.businessTimeZone)}.`
              : undefined
          }
        >
          {workload.error && !workload.loading ? (
            <ErrorState
              title="Could not load the agents' workload"
              message={workload.error.message}
              onRetry={workload.retry}
            />
          ) : workload.workload === undefined ? (
            <LoadingState label="Loading the agents' workload…" />
          ) : (
            <div aria-busy={workload.loading}>
              <AgentWorkloadTable
                agents={workload.workload.agents}
                showTeam={!isSupervisor && !filters.teamId}
              />
            </div>
          )}
        </Section>
      </div>
    </>
  );
}

function PortfolioSections({ state }: { state: ReturnType<typeof usePortfolioSummary> }) {
  const { summary, loading, error, retry } = state;
  if (error && !loading) {
    return (
      <ErrorState title="Could not load the portfolio summary" message={error.message} onRetry={retry} />
    );
  }
  if (summary === undefined) return <LoadingState label="Loading the portfolio summary…" />;
  if (summary.asOfDate === null) {
    return (
      <EmptyState title="No loans in this scope">
        Loans appear here once tasks on them are assigned to your team's agents, or when another portfolio or
        team is chosen.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-8" aria-busy={loading}>
      <SummaryFigures summary={summary} />
      <Section
        id="heatmap-heading"
        title="Risk heatmap"
        intro="Open loans by their latest score's risk tier and their delinquency bucket, as counts or balances."
      >
        <RiskHeatmap cells={summary.byBucketAndTier} />
      </Section>
      <Section
        id="trends-heading"
        title="Repayment trends"
        intro="What fell due against what was collected, and how delinquent loans cured or rolled into worse buckets."
      >
        <RepaymentTrends months={summary.months} />
        {summary.rollRates && summary.rollRates.transitions.length > 0 && (
          <RollRateMatrix rollRates={summary.rollRates} />
        )}
      </Section>
      <Section
        id="risky-heading"
        title="Riskiest borrowers"
        intro="Borrowers by the default probability of their riskiest open loan not yet in default; open the loan to act."
      >
        <TopRiskyBorrowers borrowers={summary.topRiskyBorrowers} />
      </Section>
    </div>
  );
}
