import type { AuditService } from "../../core/audit/audit.service.js";
import { hashPassword } from "../../core/auth/password.js";
import type { UserPrincipal } from "../../core/auth/principal.js";
import { AppError, badInput, ErrorCode, forbidden, notFound } from "../../core/errors/app-error.js";
import type { UserRepository } from "./user.repository.js";
import type { User } from "./user.types.js";
import type { CreateUserInput, SetUserPasswordInput } from "./user-admin.inputs.js";
import { normalizeEmail } from "./user-email.js";

const TEAM_ROLES = new Set(["AGENT", "SUPERVISOR"]);

/** Ends every sign-in of a user (the auth module's sessions; users/ sits below auth/ and does not import it). */
export interface SignInTerminator {
  endAllOf(userId: string): Promise<unknown>;
}

/**
 * The roster as administrators keep it: creating users, setting or resetting a password, deactivating and
 * reactivating. Supervisors and managers may look at the people they work with; only admins change them.
 */
export class UserAdminService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SignInTerminator,
    private readonly audit: AuditService,
  ) {}

  list(principal: UserPrincipal, includeInactive: boolean): Promise<User[]> {
    if (principal.role === "AGENT") throw forbidden("Agents cannot list users");
    const teamId = principal.role === "SUPERVISOR" ? (principal.teamId ?? "none") : undefined;
    return this.users.list({ teamId, includeInactive });
  }

  async create(principal: UserPrincipal, input: CreateUserInput): Promise<User> {
    this.requireAdmin(principal);
    const email = normalizeEmail(input.email);
    if (TEAM_ROLES.has(input.role) && !input.teamId)
      throw badInput(`teamId: a ${input.role.toLowerCase()} works in a team: give the team's id`);
    if (input.teamId && !(await this.users.teamExists(input.teamId)))
      throw badInput(`teamId: there is no team ${input.teamId}`);
    if (await this.users.findCredentialsByEmail(email))
      throw new AppError(ErrorCode.CONFLICT, `A user with the e-mail ${email} exists already`);
    const user = await this.users.create({
      email,
      displayName: input.displayName.trim(),
      role: input.role,
      teamId: input.teamId ?? null,
      capacity: input.capacity,
      passwordHash: await hashPassword(input.password),
    });
    await this.audit.record({
      actor: principal,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      details: { after: { role: user.role, teamId: user.teamId, active: true } },
    });
    return user;
  }

  async setPassword(principal: UserPrincipal, input: SetUserPasswordInput): Promise<User> {
    this.requireAdmin(principal);
    const user = await this.users.findProfileById(input.userId);
    if (!user) throw notFound("User", input.userId);
    await this.users.setPasswordHash(user.id, await hashPassword(input.password));
    // A reset is often because someone else knew the old password: their sign-ins end now.
    await this.sessions.endAllOf(user.id);
    await this.audit.record({
      actor: principal,
      action: "user.setPassword",
      entityType: "User",
      entityId: user.id,
      details: { sessionsEnded: true },
    });
    return user;
  }

  async setActive(principal: UserPrincipal, userId: string, active: boolean): Promise<User> {
    this.requireAdmin(principal);
    if (!active && userId === principal.userId)
      throw badInput("You cannot deactivate yourself: ask another administrator");
    const before = await this.users.findAccessById(userId);
    if (!before) throw notFound("User", userId);
    const user = await this.users.setActive(userId, active);
    if (!active) await this.sessions.endAllOf(userId);
    await this.audit.record({
      actor: principal,
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "User",
      entityId: userId,
      details: { before: { active: before.active }, after: { active } },
    });
    return user;
  }

  private requireAdmin(principal: UserPrincipal): void {
    if (principal.role !== "ADMIN") throw forbidden("Only administrators manage users");
  }
}
