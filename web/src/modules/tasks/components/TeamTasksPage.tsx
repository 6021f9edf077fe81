import { useMemo, useState } from "react";
import { useUrlCursorPages } from "../../../core/paging/useUrlCursorPages";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useSession } from "../../auth/hooks/useSession";
import { Pagination } from "../../loans/components/Pagination";
import { TeamLeadsOnly } from "../../team/components/TeamLeadsOnly";
import { useTeamMembers } from "../../team/hooks/useTeamMembers";
import { useAssignTasks } from "../hooks/useAssignTasks";
import { TASK_PAGE_SIZE, useTeamTasks } from "../hooks/useTeamTasks";
import { teamTaskFilterFrom } from "../teamTaskFilter";
import { AssignPanel } from "./AssignPanel";
import { type AssignReport, AssignResult, taskErrorText } from "./AssignResult";
import { TaskFilterBar } from "./TaskFilterBar";
import { TaskTable } from "./TaskTable";

/** Supervisors assign and re-assign their team's tasks; managers and admins any team's. */
export function TeamTasksPage() {
  const { session } = useSession();
  return session?.user.role === "AGENT" ? <TeamLeadsOnly title="Team tasks" /> : <TeamTasks />;
}

function TeamTasks() {
  const { session } = useSession();
  const isSupervisor = session?.user.role === "SUPERVISOR";
  const title = isSupervisor ? "Team tasks" : "Tasks";
  const { params, after, pageNumber, goToPage, setFilters } = useUrlCursorPages();
  const filter = useMemo(() => teamTaskFilterFrom(params), [params]);
  const { page, loading, error, refetch } = useTeamTasks(filter, after);
  const team = useTeamMembers();
  const { assign, busy } = useAssignTasks();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [report, setReport] = useState<AssignReport | null>(null);

  const tasks = page?.nodes ?? [];
  const assigneeName = (id: string | null) =>
    id ? (team.byId.get(id)?.displayName ?? "Someone outside your team") : null;
  const errors = new Map(
    report?.kind === "refused" ? report.outcome.taskErrors.map((e) => [e.taskId, taskErrorText(e)]) : [],
  );

  const changeFilters = (entries: Record<string, string | null>) => {
    setSelected(new Set());
    setReport(null);
    setFilters(entries);
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleAll = (on: boolean) =>
    setSelected(
      on
        ? new Set(tasks.filter((t) => t.status === "OPEN" || t.status === "IN_PROGRESS").map((t) => t.id))
        : new Set(),
    );

  const onAssign = async (agentId: string) => {
    const ids = [...selected];
    // Loan references by task, read before the list is refreshed, so the report can name them.
    const loans = new Map(tasks.map((t) => [t.id, t.loan.externalKey]));
    const outcome = await assign(ids, agentId);
    if (outcome.ok) {
      setReport({
        kind: "moved",
        count: outcome.moved,
        agentName: team.byId.get(agentId)?.displayName ?? "the agent",
      });
      setSelected(new Set());
    } else {
      setReport({ kind: "refused", outcome, loanOf: (id) => loans.get(id) ?? `task ${id.slice(0, 8)}` });
    }
    await refetch();
  };

  return (
    <>
      <title>{`${title} · CreditPathAI`}</title>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isSupervisor ? "Your team's" : "Every team's"} collection work, most urgent first. Select tasks
            and give them to an agent; escalations are in the escalations queue.
          </p>
        </div>
        <TaskFilterBar
          params={params}
          onChange={changeFilters}
          agents={team.agents}
          teams={isSupervisor ? null : team.teams}
        />
        {team.error && (
          <ErrorState
            title="Could not load your team's agents"
            message={`${team.error.message}. Tasks can be given to an agent once the list of agents loads.`}
            onRetry={team.refetch}
          />
        )}
        <AssignPanel
          count={selected.size}
          agents={team.agents}
          showTeam={!isSupervisor}
          busy={busy}
          onAssign={(agentId) => void onAssign(agentId)}
          onClear={() => setSelected(new Set())}
        />
        <AssignResult report={report} />
        {error && !loading ? (
          <ErrorState
            title="Could not load the tasks"
            message={error.message}
            onRetry={() => void refetch()}
          />
        ) : page === undefined ? (
          <LoadingState label="Loading tasks…" />
        ) : page.totalCount === 0 ? (
          <EmptyState title="No tasks match">
            Change or clear the filters to see more of the team's work.
          </EmptyState>
        ) : (
          <>
            <TaskTable
              tasks={tasks}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
              assigneeName={assigneeName}
              busy={loading}
              errors={errors}
            />
            <Pagination
              pageNumber={pageNumber}
              pageSize={TASK_PAGE_SIZE}
              total={page.totalCount}
              disabled={loading}
              onPageChange={(next) => goToPage(next, page.pageInfo.endCursor ?? null)}
              itemLabel="tasks"
            />
          </>
        )}
      </div>
    </>
  );
}
