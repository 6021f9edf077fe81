import type { AuditService } from "../../core/audit/audit.service.js";
import { hashPassword, verifyPassword } from "../../core/auth/password.js";
import type { UserPrincipal } from "../../core/auth/principal.js";
import { AppError, ErrorCode, unauthenticated } from "../../core/errors/app-error.js";
import type { UserRepository } from "../users/user.repository.js";
import { normalizeEmail } from "../users/user-email.js";
import type { SessionService } from "./session.service.js";

const INVALID_LOGIN = "Invalid email or password";

export class AuthService {
  // Verifying against a real hash for unknown e-mails keeps the response time from revealing which exist.
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  async login(email: string, password: string, requestId?: string) {
    const user = await this.users.findCredentialsByEmail(normalizeEmail(email));
    if (!user) {
      this.dummyHash ??= hashPassword("not-a-real-password");
      await verifyPassword(await this.dummyHash, password);
      await this.audit.record({
        action: "auth.login",
        outcome: "FAILURE",
        details: { reason: "unknown-user" },
        requestId,
      });
      throw unauthenticated(INVALID_LOGIN);
    }
    const ok = await verifyPassword(user.passwordHash, password);
    if (!ok || !user.active) {
      await this.audit.record({
        action: "auth.login",
        entityType: "User",
        entityId: user.id,
        outcome: "FAILURE",
        details: { reason: ok ? "inactive-user" : "wrong-password" },
        requestId,
      });
      throw unauthenticated(ok ? "This account is deactivated: ask an administrator" : INVALID_LOGIN);
    }
    const session = await this.sessions.start(user);
    await this.users.touchLogin(user.id, new Date());
    const actor = { kind: "user", userId: user.id, role: user.role, teamId: user.teamId } as const;
    await this.audit.record({
      actor,
      action: "auth.login",
      entityType: "User",
      entityId: user.id,
      requestId,
    });
    return {
      ...session,
      user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
    };
  }

  async changePassword(principal: UserPrincipal, currentPassword: string, newPassword: string) {
    const user = await this.users.findCredentialsById(principal.userId);
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, "The current password is not correct");
    }
    if (currentPassword === newPassword) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, "The new password must differ from the current one");
    }
    await this.users.setPasswordHash(user.id, await hashPassword(newPassword));
    return true;
  }
}
