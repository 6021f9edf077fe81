import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

const ENDS = new Set(["COMMIT", "ROLLBACK"]);

/**
 * Prisma's transaction manager (client engine, 6.19) sends COMMIT or ROLLBACK and only then hands the
 * connection back; when that statement fails because the connection is gone (a database crash or restart in
 * the middle of a transaction), it never does, and the pool loses a connection for good: after `max` such
 * transactions every request waits forever instead of answering. Here the connection goes back to the pool
 * with the error, which discards it.
 */
function releasedOnFailedEnd(tx: Transaction): Transaction {
  // The transaction's pooled connection: a protected field of the adapter's class.
  const client = (tx as unknown as { client?: pg.PoolClient }).client;
  if (typeof client?.release !== "function") return tx;
  let released = false;
  const executeRaw = tx.executeRaw.bind(tx);
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  tx.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (err) {
      if (ENDS.has(query.sql) && !released) {
        released = true;
        client.release(err instanceof Error ? err : new Error(String(err)));
      }
      throw err;
    }
  };
  tx.commit = async () => {
    if (released) return;
    released = true;
    await commit();
  };
  tx.rollback = async () => {
    if (released) return;
    released = true;
    await rollback();
  };
  return tx;
}

/** Prisma's node-postgres adapter, with a transaction cut off by a lost connection giving its connection up. */
export function createPrismaPg(options: { connectionString: string; max: number }): PrismaPg {
  const factory = new PrismaPg(options);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releasedOnFailedEnd(await start(isolationLevel));
    return adapter;
  };
  return factory;
}
