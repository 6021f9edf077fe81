import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, forbidden, notFound } from "../../core/errors/app-error.js";
import { decodeCursor, type Page, pageSize, toPage } from "../../core/graphql/cursor-page.js";
import { toTask } from "./task.service.js";
import type { Task } from "./task.types.js";
import type { TeamTaskFilter } from "./team-tasks.inputs.js";
import {
  type TeamTaskPosition,
  type TeamTaskQuery,
  type TeamTasksRepository,
  UNFINISHED,
} from "./team-tasks.repository.js";

export interface TeamTasksArgs {
  first?: number | null;
  after?: string | null;
  filter?: TeamTaskFilter | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's key is "priority|due instant": the order's first two keys (its id is the third). */
function position(after: string): TeamTaskPosition {
  const { key, id } = decodeCursor(after);
  const [priority, due] = typeof key === "string" ? key.split("|") : [];
  const dueAt = new Date(due ?? "");
  if (!/^-?\d+$/.test(priority ?? "") || Number.isNaN(dueAt.getTime()) || !UUID.test(id)) {
    throw badInput(
      `after: "${after}" is not a cursor of the team's task list: pass an endCursor it returned`,
    );
  }
  return { priority: Number(priority), dueAt, id };
}

/**
 * The tasks a supervisor hands around: their team's (a task's own team, else its assignee's), or any team's
 * for managers and admins. Agents have their worklist instead.
 */
export class TeamTasksService {
  constructor(private readonly repo: TeamTasksRepository) {}

  private async teamOf(principal: UserPrincipal, requested: string | null): Promise<string | null> {
    switch (principal.role) {
      case "AGENT":
        throw forbidden("Agents have their worklist (myWorklist): the team's tasks are for supervisors");
      case "SUPERVISOR":
        if (!principal.teamId)
          throw forbidden("You are a supervisor of no team: ask an admin to put you in one");
        // Another team looks absent, as its tasks do.
        if (requested !== null && requested !== principal.teamId) throw notFound("Team", requested);
        return principal.teamId;
      case "MANAGER":
      case "ADMIN":
        if (requested !== null && !(await this.repo.teamExists(requested))) throw notFound("Team", requested);
        return requested;
    }
  }

  /** A page of the scope's tasks, most urgent first: priority, then due time, then id (a total order). */
  async list(principal: UserPrincipal, args: TeamTasksArgs, now = new Date()): Promise<Page<Task>> {
    const f = args.filter ?? {};
    const first = pageSize(args.first);
    const after = args.after ? position(args.after) : null;
    const query: TeamTaskQuery = {
      teamId: await this.teamOf(principal, f.teamId ?? null),
      assigneeId: f.assigneeId ?? undefined,
      unassigned: f.unassigned ?? undefined,
      statuses: f.statuses ?? UNFINISHED,
      actions: f.actions ?? undefined,
      buckets: f.buckets ?? undefined,
      tiers: f.tiers ?? undefined,
      overdueAt: f.overdue ? now : undefined,
    };
    const rows = await this.repo.page(query, first + 1, after);
    return toPage(
      rows,
      first,
      (r) => ({ key: `${r.priority}|${r.dueAt.toISOString()}`, id: r.id }),
      toTask,
      () => this.repo.count(query),
      after !== null,
    );
  }
}
