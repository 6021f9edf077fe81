import { AuthenticationError, AuthorizationError, type MiddlewareFn } from "type-graphql";
import type { AuditService } from "../audit/audit.service.js";
import type { UserPrincipal } from "../auth/principal.js";
import { AppError } from "../errors/app-error.js";

/** What the middleware needs of a request's context: who calls, the request, and where records go. */
export interface AuditedContext {
  principal: UserPrincipal;
  requestId: string;
  services: { audit: AuditService };
}

/**
 * Every GraphQL mutation leaves an audit record (who, which operation, with which arguments, and
 * whether it succeeded), whatever its resolver does. Secrets in arguments are scrubbed by the service.
 */
export const auditMutations: MiddlewareFn<AuditedContext> = async ({ context, info, args }, next) => {
  if (info.parentType.name !== "Mutation") return next();
  const action = `graphql.${info.fieldName}`;
  try {
    const result = await next();
    await context.services.audit.record({
      actor: context.principal,
      action,
      details: { args },
      requestId: context.requestId,
    });
    return result;
  } catch (err) {
    const denied =
      err instanceof AuthorizationError ||
      err instanceof AuthenticationError ||
      (err instanceof AppError && (err.code === "FORBIDDEN" || err.code === "UNAUTHENTICATED"));
    await context.services.audit.record({
      actor: context.principal,
      action,
      outcome: denied ? "DENIED" : "FAILURE",
      details: { args, error: err instanceof AppError ? err.code : "INTERNAL" },
      requestId: context.requestId,
    });
    throw err;
  }
};
