import { createHash, randomBytes } from "node:crypto";
import type { AuditService } from "../../core/audit/audit.service.js";
import type { Principal } from "../../core/auth/principal.js";
import { badInput, notFound, unauthenticated } from "../../core/errors/app-error.js";
import type { ApiKeyRepository } from "./api-key.repository.js";

const KEY_PREFIX = "cpk_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** API keys for external scorers: shown once at creation, stored only as a hash. */
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
  ) {}

  async create(name: string, rateLimitPerMinute = 120, actor: Principal | null = null) {
    const trimmed = name.trim();
    if (!trimmed) throw badInput("An API key needs a name that says who uses it (e.g. 'loan-origination')");
    if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
      throw badInput(
        `Rate limit must be a whole number of requests per minute (0 = no limit), got ${rateLimitPerMinute}`,
      );
    }
    const prefix = `${KEY_PREFIX}${randomBytes(6).toString("hex")}`;
    const key = `${prefix}_${randomBytes(24).toString("base64url")}`;
    const record = await this.keys.create({
      name: trimmed,
      prefix,
      keyHash: hashApiKey(key),
      rateLimitPerMinute,
    });
    await this.audit.record({
      actor,
      action: "apiKey.create",
      entityType: "ApiKey",
      entityId: record.id,
      details: { name: trimmed, prefix, rateLimitPerMinute },
    });
    return { key, record };
  }

  list() {
    return this.keys.list();
  }

  async revoke(prefix: string, actor: Principal | null = null) {
    const found = await this.keys.findByPrefix(prefix);
    if (!found) throw notFound("API key with prefix", prefix);
    const revoked = found.revokedAt ? found : await this.keys.revoke(found.id, new Date());
    await this.audit.record({
      actor,
      action: "apiKey.revoke",
      entityType: "ApiKey",
      entityId: found.id,
      details: { prefix },
    });
    return revoked;
  }

  async verify(key: string): Promise<Extract<Principal, { kind: "apiKey" }>> {
    const found = key.startsWith(KEY_PREFIX) ? await this.keys.findByHash(hashApiKey(key)) : null;
    if (!found) throw unauthenticated("Unknown API key");
    if (found.revokedAt) throw unauthenticated("This API key has been revoked");
    await this.keys.touch(found.id, new Date());
    return { kind: "apiKey", apiKeyId: found.id, rateLimitPerMinute: found.rateLimitPerMinute };
  }
}
