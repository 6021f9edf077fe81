import DataLoader from "dataloader";
import type { Db } from "../../core/db/prisma-client.js";
import { ContactRepository } from "./contact.repository.js";
import type { ContactPreferences } from "./contact-preferences.types.js";
import { toContactPreferences } from "./contact-profile.js";

/**
 * Borrowers' contact preferences, for the borrowers of one request in one query. Callers reach a borrower
 * through an access check (a loan they may see), so the loader itself does not check.
 */
export function createContactLoaders(db: Db) {
  const repo = new ContactRepository(db);
  return {
    contactPreferencesByBorrowerId: new DataLoader<string, ContactPreferences>(async (ids) => {
      const rows = new Map((await repo.findBorrowers(ids)).map((b) => [b.id, toContactPreferences(b)]));
      return ids.map((id) => rows.get(id) ?? new Error(`No borrower ${id}`));
    }),
  };
}
