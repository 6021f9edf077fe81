import { createHash, randomBytes } from "node:crypto";
import type { AuditService } from "../../core/audit/audit.service.js";
import type { Principal } from "../../core/auth/principal.js";
import { badInput, notFound, unauthenticated } from "../../core/errors/app-error.js";
import type { ApiKeyRepository } from "./api-key.repository.js";
import {
  ALL_API_KEY_SCOPES,
  type ApiKeyScope,
  DEFAULT_API_KEY_SCOPES,
  isApiKeyScope,
} from "./api-key.scopes.js";

const KEY_PREFIX = "cpk_";

/**
 * How long a verified key is trusted without asking the database again. Scorers call many times a second;
 * a revocation made in another process (the CLI) takes effect within this time, one made here at once.
 */
export const VERIFIED_KEY_TTL_MS = 10_000;
/** "Last used" is a day-to-day signal, not an audit trail: written at most this often per key. */
const TOUCH_EVERY_MS = 60_000;

type ApiKeyPrincipal = Extract<Principal, { kind: "apiKey" }>;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** API keys for external scorers: shown once at creation, stored only as a hash. */
export class ApiKeyService {
  private readonly verified = new Map<string, { principal: ApiKeyPrincipal; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditService,
  ) {}

  async create(
    name: string,
    rateLimitPerMinute = 120,
    actor: Principal | null = null,
    scopes: readonly string[] = DEFAULT_API_KEY_SCOPES,
  ) {
    const trimmed = name.trim();
    if (!trimmed) throw badInput("An API key needs a name that says who uses it (e.g. 'loan-origination')");
    if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
      throw badInput(
        `Rate limit must be a whole number of requests per minute (0 = no limit), got ${rateLimitPerMinute}`,
      );
    }
    const unknown = scopes.filter((s) => !isApiKeyScope(s));
    if (unknown.length > 0 || scopes.length === 0) {
      throw badInput(
        `Unknown API key scope ${unknown.map((s) => `"${s}"`).join(", ") || "(none given)"}: choose from ${ALL_API_KEY_SCOPES.join(", ")}`,
      );
    }
    const granted = [...new Set(scopes as ApiKeyScope[])];
    const prefix = `${KEY_PREFIX}${randomBytes(6).toString("hex")}`;
    const key = `${prefix}_${randomBytes(24).toString("base64url")}`;
    const record = await this.keys.create({
      name: trimmed,
      prefix,
      keyHash: hashApiKey(key),
      rateLimitPerMinute,
      scopes: granted,
    });
    await this.audit.record({
      actor,
      action: "apiKey.create",
      entityType: "ApiKey",
      entityId: record.id,
      details: { name: trimmed, prefix, rateLimitPerMinute, scopes: granted },
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
    for (const [k, v] of this.verified) if (v.principal.apiKeyId === found.id) this.verified.delete(k);
    await this.audit.record({
      actor,
      action: "apiKey.revoke",
      entityType: "ApiKey",
      entityId: found.id,
      details: { prefix },
    });
    return revoked;
  }

  async verify(key: string, now = Date.now()): Promise<ApiKeyPrincipal> {
    if (!key.startsWith(KEY_PREFIX)) throw unauthenticated("Unknown API key");
    // Keyed by the key as presented, not its hash: a scorer's every call would otherwise hash it again.
    // The key is in this process's memory anyway while its requests are handled; the database has the hash.
    const cached = this.verified.get(key);
    if (cached && cached.until > now) return cached.principal;
    const found = await this.keys.findByHash(hashApiKey(key));
    this.verified.delete(key);
    if (!found) throw unauthenticated("Unknown API key");
    if (found.revokedAt) throw unauthenticated("This API key has been revoked");
    const principal: ApiKeyPrincipal = {
      kind: "apiKey",
      apiKeyId: found.id,
      rateLimitPerMinute: found.rateLimitPerMinute,
      scopes: found.scopes,
    };
    this.verified.set(key, { principal, until: now + VERIFIED_KEY_TTL_MS });
    if (now - (this.touched.get(found.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.touched.set(found.id, now);
      await this.keys.touch(found.id, new Date(now));
    }
    return principal;
  }
}
