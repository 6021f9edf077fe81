import type { UserPrincipal } from "../../core/auth/principal.js";
import { unauthenticated } from "../../core/errors/app-error.js";
import type { UserRepository } from "../users/user.repository.js";

/**
 * How long what the database says about a signed-in user (active, role, team) is reused. A token lives for
 * half an hour; a roster import that deactivates someone or moves them to another team takes effect within
 * this time instead, in every server process.
 */
export const USER_ACCESS_TTL_MS = 5_000;

/**
 * A token says who signed in; whether they may still act, and with which role and team, is read from the
 * database (briefly cached), so that a deactivated user is locked out and a changed role or team applies
 * without waiting for the token to expire.
 */
export class UserAccess {
  private readonly known = new Map<string, { principal: UserPrincipal | null; until: number }>();

  constructor(private readonly users: UserRepository) {}

  async current(fromToken: UserPrincipal, now = Date.now()): Promise<UserPrincipal> {
    let entry = this.known.get(fromToken.userId);
    if (!entry || entry.until <= now) {
      const row = await this.users.findAccessById(fromToken.userId);
      entry = {
        principal: row?.active ? { kind: "user", userId: row.id, role: row.role, teamId: row.teamId } : null,
        until: now + USER_ACCESS_TTL_MS,
      };
      this.known.set(fromToken.userId, entry);
    }
    if (!entry.principal)
      throw unauthenticated("This account is deactivated or no longer exists: ask an administrator");
    return entry.principal;
  }
}
