import type { Db } from "../../core/db/prisma-client.js";
import type { UserRole } from "../../generated/prisma/enums.js";

const credentials = { id: true, role: true, teamId: true, active: true, passwordHash: true } as const;
const profile = { id: true, email: true, displayName: true, role: true, teamId: true, active: true } as const;

export class UserRepository {
  constructor(private readonly db: Db) {}

  findCredentialsByEmail(email: string) {
    return this.db.user.findUnique({ where: { email }, select: { ...credentials, ...profile } });
  }

  findCredentialsById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: credentials });
  }

  /** What decides what a signed-in user may do now. */
  findAccessById(id: string) {
    return this.db.user.findUnique({
      where: { id },
      select: { id: true, role: true, teamId: true, active: true },
    });
  }

  findProfileById(id: string) {
    return this.db.user.findUnique({ where: { id }, select: profile });
  }

  findTeamsByIds(ids: readonly string[]) {
    return this.db.team.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  }

  setPasswordHash(id: string, passwordHash: string) {
    return this.db.user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
  }

  list(where: { teamId?: string; includeInactive: boolean }) {
    return this.db.user.findMany({
      where: {
        ...(where.teamId ? { teamId: where.teamId } : {}),
        ...(where.includeInactive ? {} : { active: true }),
      },
      select: profile,
      orderBy: [{ role: "asc" }, { displayName: "asc" }],
    });
  }

  create(data: {
    email: string;
    displayName: string;
    role: UserRole;
    teamId: string | null;
    capacity?: number;
    passwordHash: string;
  }) {
    return this.db.user.create({ data, select: profile });
  }

  setActive(id: string, active: boolean) {
    return this.db.user.update({ where: { id }, data: { active }, select: profile });
  }

  async teamExists(id: string): Promise<boolean> {
    return (await this.db.team.count({ where: { id } })) === 1;
  }

  touchLogin(id: string, at: Date) {
    return this.db.user.update({ where: { id }, data: { lastLoginAt: at }, select: { id: true } });
  }
}
