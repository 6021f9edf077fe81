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
  activatedAt: true,
  activatedById: true,
  createdBy: { select: { id: true, displayName: true } },
  activatedBy: { select: { id: true, displayName: true } },
} as const;

export class PolicyRepository {
  constructor(private readonly db: Db) {}

  findActive() {
    return this.db.recommendationPolicy.findFirst({ where: { active: true }, select: fields });
  }

  list() {
    return this.db.recommendationPolicy.findMany({ select: fields, orderBy: { version: "desc" } });
  }

  findByVersion(version: number) {
    return this.db.recommendationPolicy.findUnique({ where: { version }, select: fields });
  }

  /** Saves a new version, as a draft or as the active one (then atomically replacing the one before). */
  save(
    definition: Prisma.InputJsonValue,
    note: string | null,
    createdById: string | null,
    activate: boolean,
  ) {
    return this.db.$transaction(async (tx) => {
      const last = await tx.recommendationPolicy.aggregate({ _max: { version: true } });
      const version = (last._max.version ?? 0) + 1;
      if (activate)
        await tx.recommendationPolicy.updateMany({ where: { active: true }, data: { active: false } });
      return tx.recommendationPolicy.create({
        data: {
          version,
          definition: { ...(definition as object), version },
          active: activate,
          note,
          createdById,
          ...(activate ? { activatedAt: new Date(), activatedById: createdById } : {}),
        },
        select: fields,
      });
    });
  }

  /** Makes a saved version the active one, atomically. */
  activate(version: number, activatedById: string) {
    return this.db.$transaction(async (tx) => {
      await tx.recommendationPolicy.updateMany({ where: { active: true }, data: { active: false } });
      return tx.recommendationPolicy.update({
        where: { version },
        data: { active: true, activatedAt: new Date(), activatedById },
        select: fields,
      });
    });
  }
}
