import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { AuditService } from "../../core/audit/audit.service.js";
import type { Role, UserPrincipal } from "../../core/auth/principal.js";
import { issueToken } from "../../core/auth/tokens.js";
import { config } from "../../core/config/config.js";
import { badInput, unauthenticated } from "../../core/errors/app-error.js";
import type { UserRepository } from "../users/user.repository.js";
import type { RefreshTokenRepository } from "./refresh-token.repository.js";

const REFRESH_PREFIX = "cpr_";
/** What a refresh token looks like (the prefix and 32 random bytes in base64url); anything else is refused. */
export const REFRESH_TOKEN_PATTERN = /^cpr_[A-Za-z0-9_-]{43}$/;
/**
 * A phone on a flaky network may send the same refresh twice (the answer to the first was lost). Within this
 * time a second use of a token gets a new pair of its own instead of being taken for a stolen copy.
 */
export const REFRESH_RETRY_GRACE_MS = 30_000;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export interface Session {
  token: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

interface SessionUser {
  id: string;
  role: Role;
  teamId: string | null;
}

/**
 * Sessions that last a working day without asking for the password again: a short-lived access token and a
 * refresh token that is replaced at every use (rotation). A replaced token presented again after the grace
 * period means two parties hold it, so the whole sign-in is revoked and must start again with the password.
 */
export class SessionService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditService,
  ) {}

  /** A new sign-in (after the password was checked): its first pair of tokens. */
  start(user: SessionUser): Promise<Session> {
    return this.issue(user, randomUUID());
  }

  async refresh(refreshToken: string, requestId?: string, now = new Date()): Promise<Session> {
    if (!refreshToken.startsWith(REFRESH_PREFIX))
      throw badInput("refreshToken must be the refreshToken given at sign-in or by the last refresh");
    const found = await this.tokens.findByHash(hash(refreshToken));
    const ended = "This sign-in has ended: sign in again with your password";
    if (!found || found.revokedAt) throw unauthenticated(ended);
    if (found.expiresAt <= now)
      throw unauthenticated("This sign-in has expired: sign in again with your password");
    const fresh = await this.tokens.markUsed(found.id, now);
    if (!fresh) {
      const usedAt = found.usedAt?.getTime() ?? now.getTime();
      if (now.getTime() - usedAt > REFRESH_RETRY_GRACE_MS) {
        await this.tokens.revokeFamily(found.familyId, now);
        await this.audit.record({
          action: "auth.refresh",
          entityType: "User",
          entityId: found.userId,
          outcome: "DENIED",
          details: { reason: "refresh-token-reused", familyId: found.familyId },
          requestId,
        });
        throw unauthenticated(ended);
      }
    }
    const user = await this.users.findAccessById(found.userId);
    if (!user?.active) {
      await this.tokens.revokeFamily(found.familyId, now);
      throw unauthenticated("This account is deactivated: ask an administrator");
    }
    return this.issue(user, found.familyId, now);
  }

  /** Signing out: this sign-in's refresh tokens stop working (its access token runs out on its own). */
  async end(refreshToken: string, principal?: UserPrincipal, requestId?: string): Promise<void> {
    const found = refreshToken.startsWith(REFRESH_PREFIX)
      ? await this.tokens.findByHash(hash(refreshToken))
      : null;
    if (!found) return;
    await this.tokens.revokeFamily(found.familyId, new Date());
    await this.audit.record({
      actor: principal ?? null,
      action: "auth.logout",
      entityType: "User",
      entityId: found.userId,
      requestId,
    });
  }

  /** Every sign-in of a user ends (deactivation, a password reset). */
  endAllOf(userId: string) {
    return this.tokens.revokeAllOfUser(userId, new Date());
  }

  private async issue(user: SessionUser, familyId: string, now = new Date()): Promise<Session> {
    const access = await issueToken(user);
    const refreshToken = `${REFRESH_PREFIX}${randomBytes(32).toString("base64url")}`;
    const refreshExpiresAt = new Date(now.getTime() + config().jwt.refreshTtlHours * 3_600_000);
    await this.tokens.create({
      userId: user.id,
      familyId,
      tokenHash: hash(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    return {
      token: access.token,
      expiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
    };
  }
}
