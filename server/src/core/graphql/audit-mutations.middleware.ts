import { AuthenticationError, AuthorizationError, type MiddlewareFn } from "type-graphql";
import type { AuditService } from "../audit/audit.service.js";
import type { AuditedChangeSlot } from "../audit/audited-change.js";
import type { UserPrincipal } from "../auth/principal.js";
import { AppError } from "../errors/app-error.js";

/** What the middleware needs of a request's context: who calls, the request, and where records go. */
export interface AuditedContext extends AuditedChangeSlot {
  principal: UserPrincipal;
  requestId: string;
  services: { audit: AuditService };
}

/**
 * Every GraphQL mutation leaves an audit record (who, which operation, with which arguments, and
 * whether it succeeded), whatever its resolver does. A resolver that reports what it changed
 * (`context.auditedChange`) adds the entity and its state before and after; a retry answered from its
 * idempotency key changed nothing and is not recorded again. Secrets and free text in arguments are
 * scrubbed by the service. It is attached to the Mutation type's fields only (`applyToMutations`).
 */
export const auditMutations: MiddlewareFn<AuditedContext> = async ({ context, info, args }, next) => {
  const action = `graphql.${info.fieldName}`;
  // Mutations of one request run one after another, so one slot per request serves each in turn.
  context.auditedChange = undefined;
  try {
    const result = await next();
    // Set by the resolver during next(): read it as the slot's type, not as the undefined assigned above.
    const reported = context.auditedChange as AuditedChangeSlot["auditedChange"];
    const changes = reported === undefined ? [] : Array.isArray(reported) ? reported : [reported];
    if (changes.some((c) => c.replayed)) return result;
    if (changes.length === 0) {
      await context.services.audit.record({
        actor: context.principal,
        action,
        details: { args },
        requestId: context.requestId,
      });
    }
    // A bulk mutation's arguments are kept once, on its first record: the rest name their entity's change.
    await Promise.all(
      changes.map((change, i) =>
        context.services.audit.record({
          actor: context.principal,
          action,
          entityType: change.entityType,
          entityId: change.entityId,
          details: {
            ...(i === 0 ? { args } : { batchOf: changes.length }),
            before: change.before,
            after: change.after,
          },
          requestId: context.requestId,
        }),
      ),
    );
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
