import type { Db } from "../../core/db/prisma-client.js";

const listed = {
  id: true,
  name: true,
  prefix: true,
  rateLimitPerMinute: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  create(data: {
    name: string;
    prefix: string;
    keyHash: string;
    rateLimitPerMinute: number;
    scopes: string[];
  }) {
    return this.db.apiKey.create({ data, select: listed });
  }

  list() {
    return this.db.apiKey.findMany({ select: listed, orderBy: { createdAt: "asc" } });
  }

  findByHash(keyHash: string) {
    return this.db.apiKey.findUnique({ where: { keyHash }, select: { ...listed } });
  }

  findByPrefix(prefix: string) {
    return this.db.apiKey.findUnique({ where: { prefix }, select: listed });
  }

  revoke(id: string, at: Date) {
    return this.db.apiKey.update({ where: { id }, data: { revokedAt: at }, select: listed });
  }

  touch(id: string, at: Date) {
    return this.db.apiKey.update({ where: { id }, data: { lastUsedAt: at }, select: { id: true } });
  }
}
