import type pg from "pg";
import { queryRows } from "../../core/db/pg-sql.js";
import { Prisma } from "../../generated/prisma/client.js";
import type {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
} from "../../generated/prisma/enums.js";

export interface ContactRow {
  id: string;
  borrowerId: string;
  loanId: string | null;
  channel: CommunicationChannel;
  direction: CommunicationDirection;
  outcome: CommunicationOutcome;
  startedAt: Date;
  endedAt: Date | null;
  callbackAt: Date | null;
  durationSeconds: number | null;
  agentId: string | null;
  notes: string | null;
}

/** Borrowers' contact logs, across all of their loans. */
export class ContactHistoryRepository {
  // node-postgres rather than Prisma: every worklist page reads contacts (see core/db/pg-sql.ts).
  constructor(private readonly pool: pg.Pool) {}

  /**
   * For each borrower, in one statement: their `latest` most recent contacts, and every contact since
   * `since` (what the contact rules count). Each borrower is read through index Communication_borrowerId_startedAt.
   */
  latestAndSince(borrowerIds: readonly string[], latest: number, since: Date): Promise<ContactRow[]> {
    const columns = Prisma.sql`id, "borrowerId", "loanId", channel::text AS channel, direction::text AS direction,
      outcome::text AS outcome, "startedAt", "endedAt", "durationSeconds", "agentId", notes, "callbackAt"`;
    return queryRows<ContactRow>(
      this.pool,
      Prisma.sql`
      SELECT c.* FROM unnest(${[...borrowerIds]}::uuid[]) AS b(id)
      CROSS JOIN LATERAL (
        (SELECT ${columns} FROM "Communication" WHERE "borrowerId" = b.id
          ORDER BY "startedAt" DESC, id DESC LIMIT ${latest})
        UNION
        (SELECT ${columns} FROM "Communication" WHERE "borrowerId" = b.id AND "startedAt" >= ${since})
      ) c
      ORDER BY c."borrowerId", c."startedAt" DESC, c.id DESC`,
    );
  }
}
