import DataLoader from "dataloader";
import { Prisma } from "../../generated/prisma/client.js";
import { badInput } from "../errors/app-error.js";
import { type CursorPosition, decodeCursor, type Page, pageSize, toPage } from "../graphql/cursor-page.js";
import type { Db } from "./prisma-client.js";

/** What every related-list row carries besides its own columns: its id, parent and place in the order. */
export interface RelatedRow {
  id: string;
  parent_id: string;
  sort_key: string;
}

/**
 * A list of rows that belong to a parent (a loan's payments, a borrower's contacts), read a page per parent
 * for many parents in one statement. Table and column names are constants of the code, never input.
 */
export interface RelatedList<Row extends RelatedRow, Node> {
  /** The table, aliased `x` in `select`, `joins` and `where`. */
  table: string;
  /** The column that points at the parent. */
  parent: string;
  /** The order: a column of `x` and its SQL type (so a cursor's key is read back exactly), then x.id. */
  order: { column: string; type: "timestamptz" | "date" | "int"; desc: boolean };
  /** The row's own columns, e.g. Prisma.sql`x.amount::text AS amount`. */
  select: Prisma.Sql;
  joins?: Prisma.Sql;
  /** A condition every row must meet (e.g. the caller's scope). */
  where?: Prisma.Sql;
  toNode(row: Row): Node;
}

export interface RelatedPageKey {
  parentId: string;
  first?: number | null;
  after?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_SHAPES = {
  int: /^-?\d{1,10}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  // As PostgreSQL prints a timestamptz: 2025-07-01 02:00:00.123+00
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
};

/** The position of an `after` cursor of this list (one of another list is BAD_USER_INPUT, not an SQL error). */
function position(list: { order: { type: keyof typeof KEY_SHAPES } }, after: string): CursorPosition {
  const p = decodeCursor(after);
  if (!UUID.test(p.id) || !KEY_SHAPES[list.order.type].test(String(p.key))) {
    throw badInput(
      `after: "${after}" is not a cursor of this list: pass an endCursor that this list returned`,
    );
  }
  return p;
}

function base<Row extends RelatedRow, Node>(list: RelatedList<Row, Node>) {
  return {
    x: Prisma.raw(`"${list.table}" x`),
    parent: Prisma.raw(`x."${list.parent}"`),
    order: Prisma.raw(`x."${list.order.column}"`),
    dir: Prisma.raw(list.order.desc ? "DESC" : "ASC"),
    where: list.where ?? Prisma.sql`TRUE`,
  };
}

/** Each parent's rows after `after`, at most `take` of them, in the list's order: one statement. */
async function fetchPages<Row extends RelatedRow, Node>(
  db: Db,
  list: RelatedList<Row, Node>,
  parentIds: string[],
  take: number,
  after: CursorPosition | null,
): Promise<Map<string, Row[]>> {
  const b = base(list);
  const cast = Prisma.raw(list.order.type);
  const afterCondition = after
    ? Prisma.sql`AND (${b.order}, x.id) ${Prisma.raw(list.order.desc ? "<" : ">")} (${String(after.key)}::${cast}, ${after.id}::uuid)`
    : Prisma.empty;
  const rows = await db.$queryRaw<(Row & { rn: bigint })[]>`
    SELECT * FROM (
      SELECT ${list.select}, x.id::text AS id, ${b.parent}::text AS parent_id, ${b.order}::text AS sort_key,
        row_number() OVER (PARTITION BY ${b.parent} ORDER BY ${b.order} ${b.dir}, x.id ${b.dir}) AS rn
      FROM ${b.x} ${list.joins ?? Prisma.empty}
      WHERE ${b.parent} = ANY(${parentIds}::uuid[]) AND ${b.where} ${afterCondition}
    ) page WHERE rn <= ${take} ORDER BY rn`;
  const byParent = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byParent.get(row.parent_id) ?? [];
    list.push(row);
    byParent.set(row.parent_id, list);
  }
  return byParent;
}

async function countByParent<Row extends RelatedRow, Node>(
  db: Db,
  list: RelatedList<Row, Node>,
  parentIds: readonly string[],
): Promise<Map<string, number>> {
  const b = base(list);
  const rows = await db.$queryRaw<{ parent_id: string; n: number }[]>`
    SELECT ${b.parent}::text AS parent_id, count(*)::int AS n FROM ${b.x} ${list.joins ?? Prisma.empty}
    WHERE ${b.parent} = ANY(${[...parentIds]}::uuid[]) AND ${b.where} GROUP BY 1`;
  return new Map(rows.map((r) => [r.parent_id, r.n]));
}

/**
 * Per-request loaders of one related list: pages of many parents asked for with the same `first`/`after`
 * come from one statement, and their counts (only when selected) from one more.
 */
export function relatedPageLoader<Row extends RelatedRow, Node>(db: Db, list: RelatedList<Row, Node>) {
  const counts = new DataLoader<string, number>(async (ids) => {
    const n = await countByParent(db, list, ids);
    return ids.map((id) => n.get(id) ?? 0);
  });
  return new DataLoader<RelatedPageKey, Page<Node>, string>(
    async (keys) => {
      const groups = new Map<string, RelatedPageKey[]>();
      for (const k of keys) {
        const g = `${k.first ?? ""}|${k.after ?? ""}`;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const pages = new Map<RelatedPageKey, Page<Node>>();
      for (const group of groups.values()) {
        const [{ first, after }] = group as [RelatedPageKey];
        const size = pageSize(first);
        const rows = await fetchPages(
          db,
          list,
          group.map((k) => k.parentId),
          size + 1,
          after ? position(list, after) : null,
        );
        for (const k of group) {
          const position = (r: Row) => ({ key: r.sort_key, id: r.id });
          pages.set(
            k,
            toPage(
              rows.get(k.parentId) ?? [],
              size,
              position,
              list.toNode,
              () => counts.load(k.parentId),
              Boolean(after),
            ),
          );
        }
      }
      return keys.map((k) => pages.get(k) as Page<Node>);
    },
    { cacheKeyFn: (k) => `${k.parentId}|${k.first ?? ""}|${k.after ?? ""}` },
  );
}
