import { badInput } from "../errors/app-error.js";
import type { PageInfo } from "./page-info.js";

/** The largest page any list returns at once; the query-cost limit counts page sizes too. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 25;

/** A page as the resolvers build it: `totalCount` is counted only when a client selects it (a getter). */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

function page<T>(edges: Page<T>["edges"], pageInfo: PageInfo, count: () => Promise<number>): Page<T> {
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo,
    get totalCount() {
      return count();
    },
  };
}

/** The same page with each node replaced (in order) by `nodes`, its count still counted only when selected. */
export function withNodes<T, U>(from: Page<T>, nodes: U[]): Page<U> {
  const edges = from.edges.map((e, i) => ({ cursor: e.cursor, node: nodes[i] as U }));
  return page(edges, from.pageInfo, () => from.totalCount);
}

/** A position in an ordered list: the sort key of the last item seen and its id (the tie-breaker). */
export interface CursorPosition {
  key: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), "utf8").toString("base64url");
}

/** The position an `after` cursor points at; a cursor that is not one of ours is BAD_USER_INPUT. */
export function decodeCursor(after: string): CursorPosition {
  try {
    const value = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === "string") {
      const [key, id] = value as [unknown, string];
      if (key === null || typeof key === "string" || typeof key === "number") return { key, id };
    }
  } catch {
    // falls through to the refusal below
  }
  throw badInput(
    `after: "${after}" is not a cursor of this list: pass an endCursor or edge cursor that this list returned`,
  );
}

/** `first` as given (default 25), refused outside 1..200 with a message that says the limits. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  }
  return size;
}

/**
 * A page from rows fetched with one extra (`first + 1`): the extra one only says that more follows.
 * `position` gives each row's place in the order, which becomes its cursor; `afterCursor` says whether the
 * page was asked for after one (then items precede it).
 */
export function toPage<R, T>(
  rows: readonly R[],
  first: number,
  position: (row: R) => CursorPosition,
  toNode: (row: R) => T,
  totalCount: () => Promise<number>,
  afterCursor = false,
): Page<T> {
  return pageOfRows(rows, first, (row) => encodeCursor(position(row)), toNode, totalCount, afterCursor);
}

/** As `toPage`, for a list whose cursors say more than a key and an id (`cursorOf` encodes them). */
export function pageOfRows<R, T>(
  rows: readonly R[],
  first: number,
  cursorOf: (row: R) => string,
  toNode: (row: R) => T,
  totalCount: () => Promise<number>,
  afterCursor: boolean,
): Page<T> {
  const kept = rows.slice(0, first);
  const edges = kept.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  const info: PageInfo = {
    hasNextPage: rows.length > first,
    hasPreviousPage: afterCursor,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
  return page(edges, info, totalCount);
}
