import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// @prisma/adapter-pg 6.19 cannot deserialise catalog columns of type `name` (OID 19) and `"char"` (OID 18),
// which the schema engine reads while introspecting (prisma/prisma#27403). Both are text on the wire, so
// relabelling them as `text` (OID 25) is exact.
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function relabel<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of (r as QueryResultLike)?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

function patchQuery(target: { query: (...a: unknown[]) => unknown }) {
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(relabel) : out;
  };
}

class CatalogSafePool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    // Idle clients killed by the server (a dropped shadow database) must not crash the CLI.
    this.on("error", () => {});
    patchQuery(this as unknown as { query: (...a: unknown[]) => unknown });
    this.on("connect", (client) => patchQuery(client as unknown as { query: (...a: unknown[]) => unknown }));
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The adapter factory for the Prisma CLI's JS schema engine. The stock factory's shadow database reuses the
 * main database when configured from a URL (and drops it with the pool still open), so `migrate dev`
 * gets a fresh database of its own here.
 */
export function migrationAdapter(url: string) {
  const factory = new PrismaPg(new CatalogSafePool({ connectionString: url }));
  factory.connectToShadowDb = async () => {
    const name = `prisma_shadow_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadowPool = new CatalogSafePool({ connectionString: withDatabase(url, name) });
    const adapter = await new PrismaPg(shadowPool).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      // An externally supplied pool is not ended by the adapter; its idle clients would be killed by the
      // forced drop below and surface as an unhandled pool error.
      await shadowPool.end();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
    return adapter;
  };
  return factory;
}
