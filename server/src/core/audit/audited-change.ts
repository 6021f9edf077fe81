/**
 * What a mutation changed, as its resolver tells the audit middleware: the entity and its state before and
 * after. States hold identifiers, codes and times only, never personal data or free text.
 */
export interface AuditedChange {
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** A retry answered from its idempotency key: nothing changed again, so nothing is recorded again. */
  replayed?: boolean;
}

/**
 * The slot a request's context offers its resolvers; the middleware clears it before each mutation. A bulk
 * mutation reports one change per entity, so each entity's trail shows it.
 */
export interface AuditedChangeSlot {
  auditedChange?: AuditedChange | AuditedChange[];
}
