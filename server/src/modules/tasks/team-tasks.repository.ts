import type { Db } from "../../core/db/prisma-client.js";
import { Prisma } from "../../generated/prisma/client.js";
import {
  type ActionType,
  type DelinquencyBucket,
  PortfolioKind,
  type RiskTier,
  TaskStatus,
} from "../../generated/prisma/enums.js";
import { type TaskRow, taskFields } from "./task.repository.js";

/** The work still to do: what a team's task list shows unless asked for other states. */
export const UNFINISHED = [TaskStatus.OPEN, TaskStatus.IN_PROGRESS] as const;

/** A place in the list's order: priority, then due time, then id. */
export interface TeamTaskPosition {
  priority: number;
  dueAt: Date;
  id: string;
}

export interface TeamTaskQuery {
  /** The team whose tasks (their own team, else their assignee's) are listed; null: every team. */
  teamId: string | null;
  assigneeId?: string;
  unassigned?: boolean;
  statuses: readonly TaskStatus[];
  actions?: readonly ActionType[];
  buckets?: readonly DelinquencyBucket[];
  tiers?: readonly RiskTier[];
  /** Only unfinished tasks due before this instant. */
  overdueAt?: Date;
}

function fromWhere(q: TeamTaskQuery): Prisma.Sql {
  // Escalations are the recovery managers' queue (`escalations`), not agents' work to hand around.
  const conditions: Prisma.Sql[] = [
    Prisma.sql`t."actionType" <> 'ESCALATE_TO_RECOVERY_MANAGER'`,
    Prisma.sql`t.status = ANY(${[...q.statuses]}::"TaskStatus"[])`,
  ];
  // A task's team is its own, else its assignee's: the rule canSeeTask applies (task.access.ts).
  if (q.teamId) conditions.push(Prisma.sql`COALESCE(t."teamId", u."teamId") = ${q.teamId}::uuid`);
  if (q.assigneeId) conditions.push(Prisma.sql`t."assigneeId" = ${q.assigneeId}::uuid`);
  if (q.unassigned) conditions.push(Prisma.sql`t."assigneeId" IS NULL`);
  if (q.actions) conditions.push(Prisma.sql`t."actionType" = ANY(${[...q.actions]}::"ActionType"[])`);
  if (q.buckets) {
    conditions.push(Prisma.sql`l."currentBucket" = ANY(${[...q.buckets]}::"DelinquencyBucket"[])`);
  }
  if (q.tiers) {
    // The latest score's tier, as Loan.latestScore answers (index RiskScore_loanId_scoredAt_idx).
    conditions.push(Prisma.sql`(SELECT s.tier FROM "RiskScore" s WHERE s."loanId" = t."loanId"
      ORDER BY s."scoredAt" DESC LIMIT 1) = ANY(${[...q.tiers]}::"RiskTier"[])`);
  }
  if (q.overdueAt) {
    conditions.push(Prisma.sql`t.status IN ('OPEN', 'IN_PROGRESS') AND t."dueAt" < ${q.overdueAt}`);
  }
  // Reference portfolios (portfolio/portfolio-kind.ts) are never worked.
  return Prisma.sql`FROM "Task" t
    JOIN "Loan" l ON l.id = t."loanId"
    JOIN "Portfolio" p ON p.id = l."portfolioId" AND p.kind = ${PortfolioKind.OPERATIONAL}::"PortfolioKind"
    LEFT JOIN "User" u ON u.id = t."assigneeId"
    WHERE ${Prisma.join(conditions, " AND ")}`;
}

/** Tasks of a team (or of every team), most urgent first, in a keyset order (no OFFSET: no gaps). */
export class TeamTasksRepository {
  constructor(private readonly db: Db) {}

  /** Up to `limit` tasks after `after`, in the list's order. */
  async page(q: TeamTaskQuery, limit: number, after: TeamTaskPosition | null): Promise<TaskRow[]> {
    const seek = after
      ? Prisma.sql`AND (t.priority, t."dueAt", t.id) > (${after.priority}::int, ${after.dueAt}::timestamptz, ${after.id}::uuid)`
      : Prisma.empty;
    const ids = await this.db.$queryRaw<{ id: string }[]>`
      SELECT t.id::text AS id ${fromWhere(q)} ${seek}
      ORDER BY t.priority, t."dueAt", t.id LIMIT ${limit}`;
    const rows = new Map(
      (await this.db.task.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: taskFields })).map(
        (r) => [r.id, r],
      ),
    );
    return ids.map((r) => rows.get(r.id)).filter((r): r is TaskRow => r !== undefined);
  }

  async count(q: TeamTaskQuery): Promise<number> {
    const [row] = await this.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${fromWhere(q)}`;
    return row?.n ?? 0;
  }

  async teamExists(id: string): Promise<boolean> {
    return (await this.db.team.count({ where: { id } })) === 1;
  }
}
