import type pg from "pg";

interface AgentRoom {
  id: string;
  teamId: string | null;
  free: number;
}

const AGENTS_WITH_ROOM = `
  SELECT u.id, u."teamId", u.capacity - count(t.id)::int AS free FROM "User" u
  LEFT JOIN "Task" t ON t."assigneeId" = u.id AND t.status IN ('OPEN', 'IN_PROGRESS')
  WHERE u.role = 'AGENT' AND u.active GROUP BY u.id ORDER BY u.id`;

/** The transaction-scoped advisory lock that makes assigning by capacity one writer at a time. */
const CAPACITY_LOCK = `SELECT pg_advisory_xact_lock(hashtext('creditpath.agent-capacity'))`;

/**
 * Who gets the new tasks of a rescoring: active agents with room under their capacity, the one with the most
 * room first (a simple capacity-balancing queue).
 */
export class AgentQueue {
  constructor(private readonly agents: AgentRoom[]) {}

  static async load(client: pg.PoolClient | pg.Pool): Promise<AgentQueue> {
    return new AgentQueue((await client.query<AgentRoom>(AGENTS_WITH_ROOM)).rows);
  }

  /**
   * The agents' room as the database counts it now, for the caller's transaction to assign from: it holds
   * the capacity lock until it commits, so another process (a rescoring worker on another machine) counts
   * these tasks before it assigns any. Several workers share the agents' capacity and never exceed it.
   */
  static async claim(client: pg.PoolClient): Promise<AgentQueue> {
    await client.query(CAPACITY_LOCK);
    return AgentQueue.load(client);
  }

  take(): { id: string; teamId: string | null } | null {
    let best: AgentRoom | undefined;
    for (const a of this.agents) if (a.free > 0 && (!best || a.free > best.free)) best = a;
    if (!best) return null;
    best.free--;
    return best;
  }
}
