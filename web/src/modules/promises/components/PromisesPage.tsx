import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { FIELD_CONTROL, FIELD_LABEL } from "../../../core/ui/fieldStyles";
import type { PromiseFilter, PromiseStatus } from "../../../gql/graphql";
import { useSession } from "../../auth/hooks/useSession";
import { AgentSelect } from "../../team/components/AgentSelect";
import { useTeamMembers } from "../../team/hooks/useTeamMembers";
import { PROMISE_STATUS_LABELS, PROMISE_STATUSES } from "../promiseLabels";
import { PromiseList } from "./PromiseList";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
interface Section {
  id: string;
  title: string;
  statuses: PromiseStatus[];
  emptyText: string;
}

const BROKEN: Section = {
  id: "promises-broken",
  title: "Broken promises",
  statuses: ["BROKEN"],
  emptyText: "No promise in this scope was broken: nothing to follow up.",
};
const PENDING: Section = {
  id: "promises-pending",
  title: "Pending promises",
  statuses: ["PENDING"],
  emptyText: "No promise in this scope is waiting for its date.",
};
const RESOLVED: Section = {
  id: "promises-resolved",
  title: "Kept or cancelled promises",
  statuses: ["KEPT", "CANCELLED"],
  emptyText: "No promise in this scope was kept or cancelled yet.",
};

// Supervisors follow up broken promises first; agents look ahead to the pending ones first.
const SECTIONS_BY_ROLE = { lead: [BROKEN, PENDING, RESOLVED], agent: [PENDING, BROKEN, RESOLVED] };

/**
 * Promises to pay on the loans in the user's scope. With no status chosen, supervisors, managers and admins
 * see the broken ones first (what needs following up), then the rest.
 */
export function PromisesPage() {
  const { session } = useSession();
  const isAgent = session?.user.role === "AGENT";
  const isSupervisor = session?.user.role === "SUPERVISOR";
  const [params, setParams] = useSearchParams();
  const team = useTeamMembers({ skip: isAgent });
  const status = PROMISE_STATUSES.find((s) => s === params.get("status")) ?? null;

  const base = useMemo<PromiseFilter>(() => {
    const from = params.get("from") ?? "";
    const to = params.get("to") ?? "";
    return {
      ...(params.get("agent") ? { assigneeId: params.get("agent") } : {}),
      ...(params.get("team") ? { teamId: params.get("team") } : {}),
      ...(DAY.test(from) ? { dueFrom: from } : {}),
      ...(DAY.test(to) ? { dueTo: to } : {}),
    };
  }, [params]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <title>Promises · CreditPathAI</title>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Promises to pay</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isAgent
              ? "Promises on your loans"
              : isSupervisor
                ? "Promises on your team's loans"
                : "Promises on every team's loans"}
            , soonest promised date first. A promise is kept when enough is paid by its date and the grace
            days after it, and broken when not.
          </p>
        </div>
        <form
          aria-label="Promise filters"
          onSubmit={(e) => e.preventDefault()}
          className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-5"
        >
          <div>
            <label htmlFor="promise-status" className={FIELD_LABEL}>
              Status
            </label>
            <select
              id="promise-status"
              value={status ?? ""}
              onChange={(e) => set("status", e.target.value)}
              className={FIELD_CONTROL}
            >
              <option value="">{isAgent ? "Any status, pending first" : "Any status, broken first"}</option>
              {PROMISE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {PROMISE_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          {!isAgent && !isSupervisor && (
            <div>
              <label htmlFor="promise-team" className={FIELD_LABEL}>
                Team
              </label>
              <select
                id="promise-team"
                value={params.get("team") ?? ""}
                onChange={(e) => set("team", e.target.value)}
                className={FIELD_CONTROL}
              >
                <option value="">Every team</option>
                {team.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {!isAgent && (
            <AgentSelect
              id="promise-agent"
              label="Worked by"
              agents={team.agents}
              value={params.get("agent") ?? ""}
              onChange={(v) => set("agent", v)}
              emptyLabel="Any agent"
              showTeam={!isSupervisor}
            />
          )}
          <div>
            <label htmlFor="promise-from" className={FIELD_LABEL}>
              Promised from
            </label>
            <input
              id="promise-from"
              type="date"
              value={params.get("from") ?? ""}
              onChange={(e) => set("from", e.target.value)}
              className={FIELD_CONTROL}
            />
          </div>
          <div>
            <label htmlFor="promise-to" className={FIELD_LABEL}>
              Promised until
            </label>
            <input
              id="promise-to"
              type="date"
              value={params.get("to") ?? ""}
              onChange={(e) => set("to", e.target.value)}
              className={FIELD_CONTROL}
            />
          </div>
        </form>
        {status !== null ? (
          <PromiseList
            key={status}
            title={`${PROMISE_STATUS_LABELS[status]} promises`}
            headingId="promises-chosen"
            filter={{ ...base, status: [status] }}
            emptyText="None in this period and scope: change the filters to see more."
          />
        ) : (
          SECTIONS_BY_ROLE[isAgent ? "agent" : "lead"].map((section) => (
            <PromiseList
              key={section.id}
              title={section.title}
              headingId={section.id}
              filter={{ ...base, status: section.statuses }}
              emptyText={section.emptyText}
            />
          ))
        )}
      </div>
    </>
  );
}
