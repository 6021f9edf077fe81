import type { Db } from "../../core/db/prisma-client.js";

const credentials = { id: true, role: true, teamId: true, active: true, passwordHash: true } as const;
const profile = { id: true, email: true, displayName: true, role: true, teamId: true } as const;

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

  touchLogin(id: string, at: Date) {
    return this.db.user.update({ where: { id }, data: { lastLoginAt: at }, select: { id: true } });
  }
}
