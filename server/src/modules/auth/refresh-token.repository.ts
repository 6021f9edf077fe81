import type { Db } from "../../core/db/prisma-client.js";

export class RefreshTokenRepository {
  constructor(private readonly db: Db) {}

  create(data: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }) {
    return this.db.refreshToken.create({ data, select: { id: true } });
  }

  findByHash(tokenHash: string) {
    return this.db.refreshToken.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, familyId: true, expiresAt: true, usedAt: true, revokedAt: true },
    });
  }

  /** Marks the token used if nobody did first; false when another call got there before (a retry, a thief). */
  async markUsed(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.refreshToken.updateMany({
      where: { id, usedAt: null },
      data: { usedAt: at },
    });
    return count === 1;
  }

  revokeFamily(familyId: string, at: Date) {
    return this.db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: at } });
  }

  revokeAllOfUser(userId: string, at: Date) {
    return this.db.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  }

  /** Tokens long expired are of no use to anyone, not even as evidence of reuse. */
  deleteExpiredBefore(at: Date) {
    return this.db.refreshToken.deleteMany({ where: { expiresAt: { lt: at } } });
  }
}
