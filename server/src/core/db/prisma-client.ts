import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "../../generated/prisma/client.js";

export type Db = PrismaClient;
/** The client inside an interactive transaction (`db.$transaction(async (tx) => ...)`). */
export type DbTx = Prisma.TransactionClient;
/** Repositories that may run inside a caller's transaction take either. */
export type DbOrTx = Db | DbTx;

export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}
