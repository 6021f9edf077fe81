import { type Prisma, PrismaClient } from "../../generated/prisma/client.js";
import { createPrismaPg } from "./prisma-pg-adapter.js";

export type Db = PrismaClient;
/** The client inside an interactive transaction (`db.$transaction(async (tx) => ...)`). */
export type DbTx = Prisma.TransactionClient;
/** Repositories that may run inside a caller's transaction take either. */
export type DbOrTx = Db | DbTx;

/** Connections in each Prisma client's pool. */
export const PRISMA_POOL_SIZE = 10;

export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: createPrismaPg({ connectionString: url, max: PRISMA_POOL_SIZE }) });
}
