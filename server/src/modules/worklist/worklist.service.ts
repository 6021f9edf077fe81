import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput } from "../../core/errors/app-error.js";
import { toTask } from "../tasks/task.service.js";
import { WORKLIST_STATUSES, type WorklistArgs, type WorklistFilter } from "./worklist.inputs.js";
import type { WorklistQuery, WorklistRepository } from "./worklist.repository.js";
import type { WorklistConnection, WorklistItem } from "./worklist.types.js";
import { decodeWorklistCursor, encodeWorklistCursor } from "./worklist-cursor.js";
import { toWorklistRelated, type WorklistRelated } from "./worklist-related.js";

/** The filter as the repository takes it: lists given, instants parsed, the due range checked. */
function conditions(filter: WorklistFilter | null | undefined) {
  const f = filter ?? {};
  const dueFrom = f.dueFrom ? new Date(f.dueFrom) : undefined;
  const dueBefore = f.dueBefore ? new Date(f.dueBefore) : undefined;
  if (dueFrom && dueBefore && dueFrom >= dueBefore) {
    throw badInput(
      `filter.dueBefore (${f.dueBefore}) must be later than filter.dueFrom (${f.dueFrom}): swap them or widen the range`,
    );
  }
  return {
    statuses: f.statuses ?? WORKLIST_STATUSES,
    buckets: f.buckets ?? undefined,
    tiers: f.tiers ?? undefined,
    actions: f.actions ?? undefined,
    dueFrom,
    dueBefore,
  } satisfies Partial<WorklistQuery>;
}

/** The signed-in user's worklist: their own open and started tasks on operational portfolios. */
export class WorklistService {
  constructor(private readonly worklist: WorklistRepository) {}

  /**
   * A page of the caller's own work, most urgent first (priority, then the most expected recovery, then due
   * time, then id: a total order, so that paging by cursor neither repeats nor skips a task). Whatever the role, it is "my" worklist: a
   * supervisor's or manager's own assigned tasks, not their team's.
   */
  async myWorklist(
    principal: UserPrincipal,
    args: WorklistArgs,
  ): Promise<{ page: WorklistConnection; related: WorklistRelated[] }> {
    const after = args.after ? decodeWorklistCursor(args.after) : undefined;
    const { rows, totalCount } = await this.worklist.page({
      assigneeId: principal.userId,
      ...conditions(args.filter),
      after,
      limit: args.first + 1,
    });
    // One instant for the whole page: every item's contact check answers for the same moment.
    const checkedAt = new Date();
    const shown = rows.slice(0, args.first);
    const edges = shown.map((row) => ({
      cursor: encodeWorklistCursor({
        priority: row.priority,
        recoveryKey: row.recoveryKey,
        dueAt: row.dueAt,
        id: row.id,
      }),
      node: { task: toTask(row), loanId: row.loanId, borrowerId: row.borrowerId, checkedAt } as WorklistItem,
    }));
    const page = {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: rows.length > args.first,
        hasPreviousPage: after !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount,
    };
    return { page, related: shown.map(toWorklistRelated) };
  }
}
