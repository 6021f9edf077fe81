import { Prisma } from "../../generated/prisma/client.js";

// The loan list's search, apart from the GraphQL inputs (as loan-sort.ts) so that the repository loads no
// decorated class.

export const MIN_SEARCH = 2;
export const MAX_SEARCH = 100;
/** Shorter name fragments match most names and have no trigram the name index could use. */
export const MIN_NAME_SEARCH = 3;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The loan `l` whose reference, or its borrower's, begins with the text (any case), or whose borrower's name
 * holds it (any part, any case): each through its own index (migration 20261201105851_borrower_search), as
 * `searchBorrowers` matches them. Null for blank text.
 */
export function searchCondition(search: string): Prisma.Sql | null {
  const text = search.trim().replace(/\s+/g, " ");
  if (text === "") return null;
  const prefix = `${escapeLike(text.toLowerCase())}%`;
  const name =
    text.length >= MIN_NAME_SEARCH
      ? Prisma.sql`OR b."fullName" ILIKE ${`%${escapeLike(text)}%`}`
      : Prisma.empty;
  return Prisma.sql`(lower(l."externalKey") LIKE ${prefix} OR EXISTS (SELECT 1 FROM "Borrower" b
    WHERE b.id = l."borrowerId" AND (lower(b."externalKey") LIKE ${prefix} ${name})))`;
}
