import type { Db } from "../../core/db/prisma-client.js";
import { Prisma } from "../../generated/prisma/client.js";
import { borrowerFields } from "../loans/loan.repository.js";

/** What a search looks for, prepared from the text a user typed (see borrower-search.ts). */
export interface SearchTerms {
  /** A reference as typed, lower-cased: matched whole, then by its beginning. */
  reference: string;
  /** A name fragment (LIKE pattern, wildcards escaped), or null when too short to search names by. */
  namePattern: string | null;
  /** The digits of a phone number (LIKE pattern), or null when the text is not a phone number. */
  phonePattern: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
export const likeAnywhere = (s: string) => `%${escapeLike(s)}%`;
export const likePrefix = (s: string) => `${escapeLike(s)}%`;

export class BorrowerRepository {
  constructor(private readonly db: Db) {}

  findOne(where: Prisma.BorrowerWhereInput) {
    return this.db.borrower.findFirst({ where, select: borrowerFields });
  }

  findByIds(ids: readonly string[]) {
    return this.db.borrower.findMany({ where: { id: { in: [...ids] } }, select: borrowerFields });
  }

  /**
   * Borrower ids matching any key, best match first: a whole reference (borrower's or one of their loans'),
   * then a phone number, then a reference's beginning, then a name. Each key is read through its own index
   * (migration 20261201105851_borrower_search); `visibility` (on the loan `l`) keeps the caller's scope, and
   * reference portfolios are left out.
   */
  async search(terms: SearchTerms, visibility: Prisma.Sql, first: number): Promise<string[]> {
    const prefix = likePrefix(terms.reference);
    const branches = [
      Prisma.sql`SELECT id, 0 AS rank FROM "Borrower" WHERE lower("externalKey") = ${terms.reference}`,
      Prisma.sql`SELECT "borrowerId", 0 FROM "Loan" WHERE lower("externalKey") = ${terms.reference}`,
      Prisma.sql`SELECT id, 2 FROM "Borrower" WHERE lower("externalKey") LIKE ${prefix}`,
      Prisma.sql`SELECT "borrowerId", 2 FROM "Loan" WHERE lower("externalKey") LIKE ${prefix}`,
    ];
    if (terms.phonePattern) {
      branches.push(Prisma.sql`SELECT id, 1 FROM "Borrower"
        WHERE regexp_replace(phone, '[^0-9]', '', 'g') LIKE ${terms.phonePattern}`);
    }
    if (terms.namePattern) {
      branches.push(Prisma.sql`SELECT id, 3 FROM "Borrower" WHERE "fullName" ILIKE ${terms.namePattern}`);
    }
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      WITH candidates AS (${Prisma.join(branches, " UNION ALL ")}),
      best AS (SELECT id, min(rank) AS rank FROM candidates GROUP BY id)
      SELECT b.id::text AS id FROM best JOIN "Borrower" b ON b.id = best.id
      JOIN "Portfolio" p ON p.id = b."portfolioId"
      WHERE p.kind = 'OPERATIONAL' AND EXISTS (SELECT 1 FROM "Loan" l WHERE l."borrowerId" = b.id AND ${visibility})
      ORDER BY best.rank, b."fullName" NULLS LAST, b.id LIMIT ${first}`;
    return rows.map((r) => r.id);
  }
}
