import type pg from "pg";
import type { UserPrincipal } from "../../core/auth/principal.js";
import type { Db } from "../../core/db/prisma-client.js";
import { badInput } from "../../core/errors/app-error.js";
import { type Page, pageOfRows } from "../../core/graphql/cursor-page.js";
import type { OutboundMessage as OutboundMessageRow, Prisma } from "../../generated/prisma/client.js";
import type { ContactRule } from "../contact-rules/contact-rules.js";
import { loanVisibility } from "../loans/loan.access.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";
import type { OutboundMessagesArgs } from "./outbound-message.inputs.js";
import type { EnqueueCounts, EnqueueScope } from "./outbound-message.repository.js";
import type { OutboundMessage } from "./outbound-message.types.js";
import { enqueueAutomatedMessages } from "./outbound-queue.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toMessage(row: OutboundMessageRow): OutboundMessage {
  return {
    id: row.id,
    loanId: row.loanId,
    recommendationId: row.recommendationId,
    actionType: row.actionType,
    channel: row.channel,
    template: row.template,
    body: row.body,
    status: row.status,
    notBefore: row.notBefore.toISOString(),
    attempts: row.attempts,
    contactRule: row.contactRule as ContactRule | null,
    cancelReason: row.cancelReason,
    lastError: row.lastError,
    sentAt: iso(row.sentAt),
    cancelledAt: iso(row.cancelledAt),
    communicationId: row.communicationId,
    createdAt: row.createdAt.toISOString(),
  };
}

// Keyset pagination, newest first: the cursor is the last message's creation time and id.
const encodeCursor = (row: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");

function decodeCursor(after: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(after, "base64url").toString()) as [string, string];
    const createdAt = new Date(at);
    if (typeof id === "string" && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // Reported below, as any other unreadable cursor.
  }
  throw badInput("after: not a cursor of this list: pass the endCursor of the previous page");
}

/** The outbound queue as people see it, and the enqueue entry point for the application's services. */
export class OutboundMessageService {
  constructor(
    private readonly db: Db,
    private readonly pool: pg.Pool,
  ) {}

  /**
   * Messages of the loans the caller may see (an agent their own loans', a supervisor their team's, managers
   * and admins all), newest first, narrowed by status, loan and channel.
   */
  async list(principal: UserPrincipal, args: OutboundMessagesArgs): Promise<Page<OutboundMessage>> {
    const f = args.filter ?? {};
    const where: Prisma.OutboundMessageWhereInput = {
      loan: { AND: [loanVisibility(principal), WORKED_LOANS] },
      ...(f.status?.length ? { status: { in: f.status } } : {}),
      ...(f.channel?.length ? { channel: { in: f.channel } } : {}),
      ...(f.loanId ? { loanId: f.loanId } : {}),
    };
    const after = args.after ? decodeCursor(args.after) : null;
    const rows = await this.db.outboundMessage.findMany({
      where: after
        ? {
            AND: [
              where,
              {
                OR: [
                  { createdAt: { lt: after.createdAt } },
                  { createdAt: after.createdAt, id: { lt: after.id } },
                ],
              },
            ],
          }
        : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: args.first + 1,
    });
    return pageOfRows(
      rows,
      args.first,
      encodeCursor,
      toMessage,
      () => this.db.outboundMessage.count({ where }),
      after !== null,
    );
  }

  /** Queues messages for the scope's active automated recommendations (see `enqueueAutomatedMessages`). */
  enqueueAutomatedMessages(scope: EnqueueScope, now = new Date()): Promise<EnqueueCounts> {
    return enqueueAutomatedMessages(this.pool, scope, now);
  }
}
