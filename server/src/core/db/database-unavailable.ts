import { AppError, ErrorCode } from "../errors/app-error.js";

// What an unreachable or restarting database looks like from node-postgres, the pool and Prisma's driver
// adapter: socket errors, the pool's connect timeout, and PostgreSQL's own "shutting down / starting up"
// codes (class 08 and 57P01-57P03). Anything else is a real error in a statement and stays one.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
const SERVER_CODES = /^(08\d\d\d|57P0[123])$/;
// Prisma's codes for the same: can't reach, timed out, operation timed out, server closed the connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
// The driver adapter's kinds, carried as an error's `cause`.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Can't reach database server",
];

function looksUnavailable(err: object): boolean {
  const { code, message, name, kind } = err as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    kind?: unknown;
  };
  if (
    typeof code === "string" &&
    (SOCKET_CODES.has(code) || SERVER_CODES.test(code) || PRISMA_CODES.has(code))
  )
    return true;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  if (name === "PrismaClientInitializationError") return true;
  return typeof message === "string" && MESSAGES.some((m) => message.includes(m));
}

/** Whether `err` (or an error it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    if (looksUnavailable(e)) return true;
    const { cause, errors, originalError } = e as {
      cause?: unknown;
      errors?: unknown;
      originalError?: unknown;
    };
    queue.push(cause, originalError);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return false;
}

/** The answer to give instead: 503, with nothing about the database's address or the driver. */
export function databaseUnavailable(): AppError {
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    "The database is unreachable right now; nothing was changed. The server reconnects by itself: try again in a moment",
  );
}
