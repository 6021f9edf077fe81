import { badInput } from "../../core/errors/app-error.js";

/**
 * A worklist position: the order keys of the last task seen (priority, then minus the expected recovery, as
 * a decimal string, "1" without one, then due time, then id).
 */
export interface WorklistPosition {
  priority: number;
  recoveryKey: string;
  dueAt: Date;
  id: string;
}

// Versioned, so that a change of the order keys (the collection-scores issue may change what priority
// means) turns old cursors into a clear error instead of a silently wrong page.
const VERSION = "w2";
const DECIMAL = /^-?\d{1,14}(\.\d{1,2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The opaque cursor of a task's position: clients pass it back unread as `after`. */
export function encodeWorklistCursor(p: WorklistPosition): string {
  return Buffer.from(
    JSON.stringify([VERSION, p.priority, p.recoveryKey, p.dueAt.toISOString(), p.id]),
  ).toString("base64url");
}

function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The position a cursor stands for; anything not made by `encodeWorklistCursor` is refused. */
export function decodeWorklistCursor(cursor: string): WorklistPosition {
  const value = parse(cursor);
  if (Array.isArray(value) && value.length === 5) {
    const [version, priority, recoveryKey, dueAt, id] = value as unknown[];
    const due = typeof dueAt === "string" ? new Date(dueAt) : undefined;
    if (
      version === VERSION &&
      Number.isInteger(priority) &&
      typeof recoveryKey === "string" &&
      DECIMAL.test(recoveryKey) &&
      due &&
      !Number.isNaN(due.getTime()) &&
      typeof id === "string" &&
      UUID.test(id)
    ) {
      return { priority: priority as number, recoveryKey, dueAt: due, id };
    }
  }
  throw badInput(
    `after: "${cursor.slice(0, 80)}" is not a worklist cursor: pass an edge's cursor or pageInfo.endCursor from myWorklist`,
  );
}
