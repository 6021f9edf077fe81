import { randomBytes } from "node:crypto";
import type pg from "pg";
import { hashPassword } from "../../../../server/src/core/auth/password.js";

export const BENCH_TEAM = "Benchmark: operations API";

export interface BenchUser {
  id: string;
  email: string;
}

export interface BenchWorkforce {
  teamId: string;
  password: string;
  agents: BenchUser[];
  supervisor: BenchUser;
  managers: BenchUser[];
}

/**
 * The benchmark's own team: agents, a supervisor and managers (the audience of the event figure), with a
 * password made for this run. They are deactivated when the run ends (`retireWorkforce`), so a benchmark on
 * the demo's database leaves no account anyone can sign in with.
 */
export async function ensureWorkforce(
  pool: pg.Pool,
  agents: number,
  managers: number,
): Promise<BenchWorkforce> {
  const password = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);
  const team = await pool.query<{ id: string }>(
    `INSERT INTO "Team" (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [BENCH_TEAM],
  );
  const teamId = team.rows[0]?.id as string;
  const upsert = async (email: string, role: string, inTeam: boolean): Promise<BenchUser> => {
    const r = await pool.query<{ id: string }>(
      `INSERT INTO "User" (email, "displayName", "passwordHash", role, "teamId", capacity, active, "updatedAt")
       VALUES ($1, $2, $3, $4::"UserRole", $5, 1000, true, now())
       ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", role = EXCLUDED.role,
         "teamId" = EXCLUDED."teamId", capacity = 1000, active = true, "updatedAt" = now()
       RETURNING id`,
      [email, email.split("@")[0], passwordHash, role, inTeam ? teamId : null],
    );
    return { id: r.rows[0]?.id as string, email };
  };
  const list = async (n: number, make: (i: number) => Promise<BenchUser>) => {
    const out: BenchUser[] = [];
    for (let i = 1; i <= n; i++) out.push(await make(i));
    return out;
  };
  return {
    teamId,
    password,
    agents: await list(agents, (i) => upsert(`bench-api-agent-${i}@bench.invalid`, "AGENT", true)),
    supervisor: await upsert("bench-api-supervisor@bench.invalid", "SUPERVISOR", true),
    managers: await list(managers, (i) => upsert(`bench-api-manager-${i}@bench.invalid`, "MANAGER", false)),
  };
}

/** Deactivates the benchmark's accounts (their password was shown to nobody, but no account should linger). */
export async function retireWorkforce(pool: pg.Pool, w: BenchWorkforce): Promise<void> {
  const ids = [...w.agents, w.supervisor, ...w.managers].map((u) => u.id);
  await pool.query(`UPDATE "User" SET active = false, "updatedAt" = now() WHERE id = ANY($1::uuid[])`, [ids]);
}

/**
 * Gives each benchmark agent `perAgent` open tasks on the portfolio's loans: open tasks nobody started are
 * taken over first, and loans without an open task get a new call task. One open task per loan holds
 * throughout (the database enforces it).
 */
export async function ensureOpenTasks(
  pool: pg.Pool,
  portfolioId: string,
  w: BenchWorkforce,
  perAgent: number,
): Promise<number> {
  const agentIds = w.agents.map((a) => a.id);
  for (const agentId of agentIds) {
    const have = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Task" WHERE "assigneeId" = $1 AND status IN ('OPEN', 'IN_PROGRESS')`,
      [agentId],
    );
    let missing = perAgent - (have.rows[0]?.n ?? 0);
    if (missing <= 0) continue;
    const taken = await pool.query(
      `UPDATE "Task" SET "assigneeId" = $1, "teamId" = $2, "updatedAt" = now()
       WHERE id IN (SELECT t.id FROM "Task" t JOIN "Loan" l ON l.id = t."loanId"
                    WHERE l."portfolioId" = $3 AND t.status = 'OPEN'
                      AND t."actionType" <> 'ESCALATE_TO_RECOVERY_MANAGER'
                      AND (t."assigneeId" IS NULL OR t."assigneeId" <> ALL($4::uuid[]))
                    LIMIT $5)`,
      [agentId, w.teamId, portfolioId, agentIds, missing],
    );
    missing -= taken.rowCount ?? 0;
    if (missing <= 0) continue;
    await pool.query(
      `INSERT INTO "Task" ("loanId", "assigneeId", "teamId", "actionType", priority, "dueAt", "updatedAt")
       SELECT l.id, $1, $2, 'CALL', 1 + (abs(hashtext(l.id::text)) % 5),
              now() + ((abs(hashtext(l."externalKey")) % 336) - 168) * interval '1 hour', now()
       FROM "Loan" l
       WHERE l."portfolioId" = $3
         AND NOT EXISTS (SELECT 1 FROM "Task" x WHERE x."loanId" = l.id AND x.status IN ('OPEN', 'IN_PROGRESS'))
       LIMIT $4`,
      [agentId, w.teamId, portfolioId, missing],
    );
  }
  const total = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Task" WHERE "assigneeId" = ANY($1::uuid[]) AND status IN ('OPEN', 'IN_PROGRESS')`,
    [agentIds],
  );
  return total.rows[0]?.n ?? 0;
}
