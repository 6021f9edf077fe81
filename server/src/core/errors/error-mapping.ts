import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from "type-graphql";
import { databaseUnavailable, isDatabaseUnavailable } from "../db/database-unavailable.js";
import { AppError, ErrorCode } from "./app-error.js";

/** The logging a mapper needs (pino or Fastify's request logger). */
export interface ErrorLog {
  error(obj: object, msg: string): void;
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.INCONSISTENT_INPUT:
      return 422;
    case ErrorCode.CONFLICT:
    case ErrorCode.CONTACT_NOT_ALLOWED:
      return 409;
    case ErrorCode.RATE_LIMITED:
      return 429;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    case ErrorCode.INTERNAL:
      return 500;
  }
}

/** REST error body: `{ error: { code, message, details? } }`; unknown errors are logged and masked. */
export function toRestError(err: unknown, log: ErrorLog): { status: number; body: { error: object } } {
  if (err instanceof AppError) {
    return {
      status: httpStatusOf(err.code),
      body: {
        error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
      },
    };
  }
  if (isDatabaseUnavailable(err)) {
    log.error({ err }, "database unreachable");
    return toRestError(databaseUnavailable(), log);
  }
  log.error({ err }, "unhandled error");
  return { status: 500, body: { error: { code: ErrorCode.INTERNAL, message: "Internal server error" } } };
}

function validationMessages(err: ArgumentValidationError): string[] {
  const out: string[] = [];
  type Issues = ArgumentValidationError["extensions"]["validationErrors"];
  const walk = (errors: Issues, prefix: string) => {
    for (const e of errors) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      for (const m of Object.values(e.constraints ?? {})) out.push(`${field}: ${m}`);
      if (e.children?.length) walk(e.children, field);
    }
  };
  walk(err.extensions.validationErrors, "");
  return out;
}

/**
 * The failure behind a GraphQL error that callers must not see (a bug or an outage: it is masked as "Internal
 * server error" and logged), or undefined for errors about the request itself. `code`: the error's
 * `extensions.code` (graphql-js and Apollo set one on the errors they raise about a request).
 */
export function maskedCause(error: unknown, code: unknown): unknown {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const known =
    original instanceof AppError ||
    original instanceof AuthenticationError ||
    original instanceof AuthorizationError ||
    original instanceof ArgumentValidationError;
  // Errors raised by graphql-js itself (syntax, unknown field, bad variable) are about the request: kept.
  if (known || original === undefined || (typeof code === "string" && code !== ErrorCode.INTERNAL))
    return undefined;
  return original;
}

/**
 * Apollo `formatError`: our codes pass through, validation errors become BAD_USER_INPUT, the rest is masked.
 * The masked ones are logged by the request's plugin, whose log lines carry the request id.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown) {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AppError) {
    return {
      ...formatted,
      message: original.message,
      extensions: { code: original.code, ...original.details },
    };
  }
  // Every operation is authenticated before it runs, so a failed role check is always a refusal.
  if (original instanceof AuthenticationError || original instanceof AuthorizationError) {
    return {
      ...formatted,
      message: "Your role does not allow this operation",
      extensions: { code: ErrorCode.FORBIDDEN },
    };
  }
  if (original instanceof ArgumentValidationError) {
    const problems = validationMessages(original);
    return {
      ...formatted,
      message: `Invalid input: ${problems.join("; ")}`,
      extensions: { code: ErrorCode.BAD_USER_INPUT, problems },
    };
  }
  // An outage is masked as one, not as a bug: the client retries (the plugin logs its cause).
  if (isDatabaseUnavailable(original)) {
    const unavailable = databaseUnavailable();
    return { ...formatted, message: unavailable.message, extensions: { code: unavailable.code } };
  }
  if (maskedCause(error, formatted.extensions?.code) === undefined) return formatted;
  return { message: "Internal server error", path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
}
