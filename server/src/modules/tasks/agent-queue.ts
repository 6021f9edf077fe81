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

/**
 * Who gets the new tasks of a rescoring: active agents with room under their capacity, the one with the most
 * room first (a simple capacity-balancing queue, read once per run).
 */
export class AgentQueue {
  constructor(private readonly agents: AgentRoom[]) {}

  static async load(client: pg.PoolClient | pg.Pool): Promise<AgentQueue> {
    return new AgentQueue((await client.query<AgentRoom>(AGENTS_WITH_ROOM)).rows);
  }

  take(): { id: string; teamId: string | null } | null {
    let best: AgentRoom | undefined;
    for (const a of this.agents) if (a.free > 0 && (!best || a.free > best.free)) best = a;
    if (!best) return null;
    best.free--;
    return best;
  }
}
