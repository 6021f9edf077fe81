/** Error codes shared by GraphQL (`extensions.code`) and REST (`error.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  NOT_FOUND = "NOT_FOUND",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  CONFLICT = "CONFLICT",
  /**
   * Every field is well-formed but the request contradicts itself (two payments with one key, a reversal of
   * itself): REST answers 422, so that 400 keeps meaning "does not match the documented schema".
   */
  INCONSISTENT_INPUT = "INCONSISTENT_INPUT",
  /** The contact rules forbid the contact at that moment; the error's details carry their verdict. */
  CONTACT_NOT_ALLOWED = "CONTACT_NOT_ALLOWED",
  RATE_LIMITED = "RATE_LIMITED",
  SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE",
  INTERNAL = "INTERNAL_SERVER_ERROR",
}

/** A failure whose message is safe and useful to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string, id: string) =>
  new AppError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
export const badInput = (message: string, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, details);
export const unauthenticated = (message = "Sign in first: this request needs a valid token") =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError(ErrorCode.CONFLICT, message, details);
export const forbidden = (message = "You are not allowed to do this") =>
  new AppError(ErrorCode.FORBIDDEN, message);
export const inconsistentInput = (message: string) => new AppError(ErrorCode.INCONSISTENT_INPUT, message);
