import type { Principal } from "../auth/principal.js";
import type { Db } from "../db/prisma-client.js";

export type AuditOutcome = "SUCCESS" | "FAILURE" | "DENIED";

export interface AuditEntry {
  actor?: Principal | null;
  action: string;
  entityType?: string;
  entityId?: string;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  requestId?: string;
}

// Keys whose values are secrets: recorded as present, never as values.
const SECRET_KEYS = /pass(word)?|token|secret|apikey|key$/i;

export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[secret]" : scrubSecrets(v)]),
    );
  }
  return value;
}

/** Writes the audit trail: who did what to which record, and whether it worked. */
export class AuditService {
  constructor(private readonly db: Db) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditLog.create({
      data: {
        actorUserId: entry.actor?.kind === "user" ? entry.actor.userId : null,
        actorApiKeyId: entry.actor?.kind === "apiKey" ? entry.actor.apiKeyId : null,
        action: entry.action,
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        outcome: entry.outcome ?? "SUCCESS",
        details: (scrubSecrets(entry.details ?? {}) ?? {}) as object,
        requestId: entry.requestId ?? null,
      },
    });
  }
}
