import type { Db } from "../../core/db/prisma-client.js";
import type { CursorPosition } from "../../core/graphql/cursor-page.js";
import { Prisma } from "../../generated/prisma/client.js";
import { AMOUNT_OVERDUE_SQL } from "./arrears-sql.js";
import type { LoanFilter, LoanSort } from "./loan.inputs.js";
import { searchCondition } from "./loan-search.js";
import { LoanSortField, SortDirection } from "./loan-sort.js";

// The latest score of loan `l` (index RiskScore_loanId_scoredAt_idx), as the latestScore loader picks it.
const LATEST_SCORE_JOIN = Prisma.sql`LEFT JOIN LATERAL (SELECT r.probability, r.tier FROM "RiskScore" r
  WHERE r."loanId" = l.id ORDER BY r."scoredAt" DESC LIMIT 1) ls ON TRUE`;

/** The sort key as a number; missing values (no balance, never scored) sort last in either direction. */
function sortKey({ field, direction }: LoanSort): Prisma.Sql {
  const missing = Prisma.raw(
    direction === SortDirection.DESC ? "'-Infinity'::numeric" : "'Infinity'::numeric",
  );
  switch (field) {
    case LoanSortField.DAYS_PAST_DUE:
      return Prisma.sql`l."currentDpd"::numeric`;
    case LoanSortField.BALANCE:
      return Prisma.sql`COALESCE(l."outstandingBalance", ${missing})`;
    case LoanSortField.AMOUNT_OVERDUE:
      return AMOUNT_OVERDUE_SQL;
    case LoanSortField.LATEST_SCORE:
      return Prisma.sql`COALESCE(ls.probability::numeric, ${missing})`;
  }
}

function filterConditions(f: LoanFilter): Prisma.Sql[] {
  const out: Prisma.Sql[] = [];
  if (f.portfolioId) out.push(Prisma.sql`l."portfolioId" = ${f.portfolioId}::uuid`);
  if (f.buckets?.length) out.push(Prisma.sql`l."currentBucket"::text = ANY(${f.buckets}::text[])`);
  if (f.tiers?.length) out.push(Prisma.sql`ls.tier::text = ANY(${f.tiers}::text[])`);
  if (f.status) out.push(Prisma.sql`l.status::text = ${f.status}`);
  if (f.productType) out.push(Prisma.sql`l."productType"::text = ${f.productType}`);
  const search = f.search ? searchCondition(f.search) : null;
  if (search) out.push(search);
  if (f.minDaysPastDue !== null && f.minDaysPastDue !== undefined) {
    out.push(Prisma.sql`l."currentDpd" >= ${f.minDaysPastDue}`);
  }
  if (f.assigneeId) {
    out.push(Prisma.sql`EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = l.id
      AND t."assigneeId" = ${f.assigneeId}::uuid AND t.status IN ('OPEN', 'IN_PROGRESS'))`);
  }
  return out;
}

export interface LoanListQuery {
  /** Which loans the caller may see, as an SQL condition on `l` (loanVisibilitySql). */
  visibility: Prisma.Sql;
  filter: LoanFilter;
  sort: LoanSort;
  first: number;
  after: CursorPosition | null;
}

/** Loans of worked portfolios in the caller's scope, filtered, in a keyset order (no OFFSET: no gaps). */
export class LoanListRepository {
  constructor(private readonly db: Db) {}

  private scope(q: Pick<LoanListQuery, "visibility" | "filter">, withScore: boolean): Prisma.Sql {
    const where = [Prisma.sql`p.kind = 'OPERATIONAL'`, q.visibility, ...filterConditions(q.filter)];
    return Prisma.sql`FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
      ${withScore ? LATEST_SCORE_JOIN : Prisma.empty}
      WHERE ${Prisma.join(where, " AND ")}`;
  }

  /** Up to `first + 1` loan ids with their sort keys (as text, exact), from just after `after`. */
  async page(q: LoanListQuery): Promise<{ id: string; key: string }[]> {
    const withScore = q.sort.field === LoanSortField.LATEST_SCORE || Boolean(q.filter.tiers?.length);
    const desc = q.sort.direction === SortDirection.DESC;
    const dir = Prisma.raw(desc ? "DESC" : "ASC");
    const after = q.after
      ? Prisma.sql`WHERE (k, id) ${Prisma.raw(desc ? "<" : ">")} (${String(q.after.key)}::numeric, ${q.after.id}::uuid)`
      : Prisma.empty;
    return this.db.$queryRaw<{ id: string; key: string }[]>`
      WITH scoped AS (SELECT l.id, ${sortKey(q.sort)} AS k ${this.scope(q, withScore)})
      SELECT id::text AS id, k::text AS key FROM scoped ${after}
      ORDER BY k ${dir}, id ${dir} LIMIT ${q.first + 1}`;
  }

  async count(q: Pick<LoanListQuery, "visibility" | "filter">): Promise<number> {
    const withScore = Boolean(q.filter.tiers?.length);
    const [row] = await this.db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n ${this.scope(q, withScore)}`;
    return row?.n ?? 0;
  }
}
