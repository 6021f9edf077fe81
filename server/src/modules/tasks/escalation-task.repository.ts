import type pg from "pg";
import type { DbOrTx } from "../../core/db/prisma-client.js";
import type { EscalationReason } from "../../generated/prisma/enums.js";

/** Runs one SQL statement in the caller's transaction: a pg client's (rescoring, the generator) or Prisma's. */
export type SqlRunner = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export const pgRunner =
  (client: pg.PoolClient): SqlRunner =>
  async <T>(sql: string, params: unknown[]) =>
    (await client.query(sql, params)).rows as T[];

export const prismaRunner =
  (tx: DbOrTx): SqlRunner =>
  <T>(sql: string, params: unknown[]) =>
    tx.$queryRawUnsafe<T[]>(sql, ...params);

export interface NewEscalation {
  loanId: string;
  /** The loan's team; when null, the team of the agent task it replaces. */
  teamId: string | null;
  /** The recommendation it carries out (rescoring), or the loan's active one when a person escalates. */
  recommendationId: string | null;
  priority: number;
  dueAt: Date;
  reason: EscalationReason;
  /** Null when the system escalated (rescoring, the generator). */
  escalatedById: string | null;
  /** The escalating person's words (free text). */
  note: string | null;
}

export interface CreatedEscalation {
  id: string;
  loanId: string;
  teamId: string | null;
}

/** An unstarted agent task an escalation replaced (cancelled with reason ESCALATED). */
export interface ReplacedTask {
  id: string;
  loanId: string;
  assigneeId: string | null;
  teamId: string | null;
}

const ESCALATE = "ESCALATE_TO_RECOVERY_MANAGER";

const REPLACE_OPEN_TASKS = `
  UPDATE "Task" t SET status = 'CANCELLED', "cancelReason" = 'ESCALATED', "cancelledAt" = now(), "updatedAt" = now()
  WHERE t."loanId" = ANY($1::uuid[]) AND t.status = 'OPEN' AND t."actionType" <> '${ESCALATE}'
  RETURNING t.id, t."loanId", t."assigneeId",
    COALESCE(t."teamId", (SELECT u."teamId" FROM "User" u WHERE u.id = t."assigneeId")) AS "teamId"`;

// The partial unique index allows one open task per loan: a loan whose open task is started work or already
// an escalation gets none (the callers say which they refuse and which they leave alone).
const INSERT_ESCALATIONS = `
  INSERT INTO "Task" ("loanId", "teamId", "recommendationId", "actionType", priority, "dueAt",
                      "escalationReason", "escalatedById", "escalationNote", "updatedAt")
  SELECT s.loan, s.team, s.rec, '${ESCALATE}', s.priority, s.due, s.reason, s.by, s.note, now()
  FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[], $6::"EscalationReason"[],
              $7::uuid[], $8::text[]) AS s(loan, team, rec, priority, due, reason, by, note)
  ON CONFLICT ("loanId") WHERE status IN ('OPEN', 'IN_PROGRESS') DO NOTHING
  RETURNING id, "loanId", "teamId"`;

/**
 * The one way an escalation is made, whoever makes it (a person through escalateCase, rescoring, the
 * synthetic generator): a task with action ESCALATE_TO_RECOVERY_MANAGER and no assignee, waiting in the
 * recovery managers' queue, that replaces the loan's unstarted agent task (cancelled with reason ESCALATED).
 * Runs in the caller's transaction; started work is the caller's to settle first.
 */
export async function openEscalations(
  run: SqlRunner,
  escalations: readonly NewEscalation[],
): Promise<{ created: CreatedEscalation[]; replaced: ReplacedTask[] }> {
  if (escalations.length === 0) return { created: [], replaced: [] };
  const replaced = await run<ReplacedTask>(REPLACE_OPEN_TASKS, [escalations.map((e) => e.loanId)]);
  const teamOfReplaced = new Map(replaced.map((r) => [r.loanId, r.teamId]));
  const created = await run<CreatedEscalation>(INSERT_ESCALATIONS, [
    escalations.map((e) => e.loanId),
    escalations.map((e) => e.teamId ?? teamOfReplaced.get(e.loanId) ?? null),
    escalations.map((e) => e.recommendationId),
    escalations.map((e) => e.priority),
    escalations.map((e) => e.dueAt.toISOString()),
    escalations.map((e) => e.reason),
    escalations.map((e) => e.escalatedById),
    escalations.map((e) => e.note),
  ]);
  return { created, replaced };
}
