import type { Db } from "../../core/db/prisma-client.js";
import type { Prisma } from "../../generated/prisma/client.js";

const fields = {
  id: true,
  version: true,
  definition: true,
  active: true,
  note: true,
  createdById: true,
  createdAt: true,
} as const;

export class PolicyRepository {
  constructor(private readonly db: Db) {}

  findActive() {
    return this.db.recommendationPolicy.findFirst({ where: { active: true }, select: fields });
  }

  list() {
    return this.db.recommendationPolicy.findMany({ select: fields, orderBy: { version: "desc" } });
  }

  /** Saves a new version and makes it the active one, atomically. */
  saveActive(definition: Prisma.InputJsonValue, note: string | null, createdById: string | null) {
    return this.db.$transaction(async (tx) => {
      const last = await tx.recommendationPolicy.aggregate({ _max: { version: true } });
      const version = (last._max.version ?? 0) + 1;
      await tx.recommendationPolicy.updateMany({ where: { active: true }, data: { active: false } });
      return tx.recommendationPolicy.create({
        data: {
          version,
          definition: { ...(definition as object), version },
          active: true,
          note,
          createdById,
        },
        select: fields,
      });
    });
  }
}
