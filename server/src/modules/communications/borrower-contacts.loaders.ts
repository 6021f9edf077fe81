import DataLoader from "dataloader";
import type pg from "pg";
import { type ContactRules, contactHistoryDays, type PastContact } from "../contact-rules/contact-rules.js";
import type { Contact } from "./contact.types.js";
import { ContactHistoryRepository, type ContactRow } from "./contact-history.repository.js";

/** How many of a borrower's latest contacts a worklist item shows. */
export const LATEST_CONTACTS = 3;
const DAY_MS = 86_400_000;

/** A borrower's latest contacts, and the history the contact rules check (across all their loans). */
export interface BorrowerContacts {
  latest: Contact[];
  history: PastContact[];
}

function toContact(r: ContactRow): Contact {
  return {
    id: r.id,
    loanId: r.loanId,
    borrowerId: r.borrowerId,
    channel: r.channel,
    direction: r.direction,
    outcome: r.outcome,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    durationSeconds: r.durationSeconds,
    agentId: r.agentId,
    notes: r.notes,
    callbackAt: r.callbackAt?.toISOString() ?? null,
  };
}

/**
 * Batches the contact look-ups of one request into one query. `contactRules` gives the active policy's
 * rules, which say how far back the history must reach. No visibility check: it serves borrowers whose
 * parent object was already checked.
 */
export function createBorrowerContactLoaders(pool: pg.Pool, contactRules: () => Promise<ContactRules>) {
  const repo = new ContactHistoryRepository(pool);
  return {
    contactsByBorrowerId: new DataLoader<string, BorrowerContacts>(async (borrowerIds) => {
      const since = new Date(Date.now() - contactHistoryDays(await contactRules()) * DAY_MS);
      const rows = await repo.latestAndSince(borrowerIds, LATEST_CONTACTS, since);
      const byBorrower = new Map<string, ContactRow[]>();
      for (const r of rows) {
        const list = byBorrower.get(r.borrowerId);
        if (list) list.push(r);
        else byBorrower.set(r.borrowerId, [r]);
      }
      return borrowerIds.map((id) => {
        const own = byBorrower.get(id) ?? []; // newest first
        return {
          latest: own.slice(0, LATEST_CONTACTS).map(toContact),
          history: own.map((r) => ({
            channel: r.channel,
            direction: r.direction,
            outcome: r.outcome,
            at: r.startedAt,
          })),
        };
      });
    }),
  };
}
