import type pg from "pg";

export interface AgentWorkloadRow {
  agentId: string;
  displayName: string;
  teamId: string | null;
  teamName: string | null;
  capacity: number;
  open: number;
  inProgress: number;
  overdue: number;
  doneToday: number;
  promisesLogged: number;
  promisesKept: number;
  promisesBroken: number;
}

export interface WorkloadWindow {
  /** Business midnight today, as an instant. */
  todayStartsAt: string;
  /** Business midnight `days - 1` days before today: where the promise counts start. */
  promisesSince: string;
}

/** Active agents' task and promise counts, one aggregate query. */
export class TeamWorkloadRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Midnight in the business time zone today and `days - 1` days before (PostgreSQL's zone rules). */
  async window(timeZone: string, days: number): Promise<WorkloadWindow> {
    const r = await this.pool.query<{ today: Date; since: Date }>(
      `SELECT date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1 AS today,
              (date_trunc('day', now() AT TIME ZONE $1) - make_interval(days => $2 - 1)) AT TIME ZONE $1 AS since`,
      [timeZone, days],
    );
    const row = r.rows[0] as { today: Date; since: Date };
    return { todayStartsAt: row.today.toISOString(), promisesSince: row.since.toISOString() };
  }

  async teamExists(id: string): Promise<boolean> {
    return ((await this.pool.query(`SELECT 1 FROM "Team" WHERE id = $1`, [id])).rowCount ?? 0) > 0;
  }

  /**
   * Per active agent (of one team, or all): open, in-progress and overdue tasks, tasks done since
   * `window.todayStartsAt`, and promises to pay they logged since `window.promisesSince` with how many of
   * those were kept or broken. Work on reference portfolios does not count (nobody works them).
   */
  agents(teamId: string | null, window: WorkloadWindow): Promise<AgentWorkloadRow[]> {
    return this.pool
      .query<AgentWorkloadRow>(
        `WITH agent AS (
           SELECT u.id, u."displayName", u."teamId", tm.name AS team_name, u.capacity FROM "User" u
           LEFT JOIN "Team" tm ON tm.id = u."teamId"
           WHERE u.role = 'AGENT' AND u.active AND ($1::uuid IS NULL OR u."teamId" = $1::uuid)),
         tasks AS (
           SELECT t."assigneeId" AS agent,
             count(*) FILTER (WHERE t.status = 'OPEN')::int AS open,
             count(*) FILTER (WHERE t.status = 'IN_PROGRESS')::int AS in_progress,
             count(*) FILTER (WHERE t.status IN ('OPEN', 'IN_PROGRESS') AND t."dueAt" < now())::int AS overdue,
             count(*) FILTER (WHERE t.status = 'DONE' AND t."completedAt" >= $2::timestamptz)::int AS done_today
           FROM "Task" t JOIN agent a ON a.id = t."assigneeId"
           JOIN "Loan" l ON l.id = t."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId" AND p.kind = 'OPERATIONAL'
           WHERE t.status IN ('OPEN', 'IN_PROGRESS') OR t."completedAt" >= $2::timestamptz
           GROUP BY 1),
         promises AS (
           SELECT pr."loggedById" AS agent, count(*)::int AS logged,
             count(*) FILTER (WHERE pr.status = 'KEPT')::int AS kept,
             count(*) FILTER (WHERE pr.status = 'BROKEN')::int AS broken
           FROM "PromiseToPay" pr JOIN agent a ON a.id = pr."loggedById"
           JOIN "Loan" l ON l.id = pr."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId" AND p.kind = 'OPERATIONAL'
           WHERE pr."createdAt" >= $3::timestamptz
           GROUP BY 1)
         SELECT a.id AS "agentId", a."displayName", a."teamId", a.team_name AS "teamName", a.capacity,
                COALESCE(t.open, 0) AS open, COALESCE(t.in_progress, 0) AS "inProgress",
                COALESCE(t.overdue, 0) AS overdue, COALESCE(t.done_today, 0) AS "doneToday",
                COALESCE(pr.logged, 0) AS "promisesLogged", COALESCE(pr.kept, 0) AS "promisesKept",
                COALESCE(pr.broken, 0) AS "promisesBroken"
         FROM agent a LEFT JOIN tasks t ON t.agent = a.id LEFT JOIN promises pr ON pr.agent = a.id
         ORDER BY a.team_name NULLS LAST, a."displayName", a.id`,
        [teamId, window.todayStartsAt, window.promisesSince],
      )
      .then((r) => r.rows);
  }
}
