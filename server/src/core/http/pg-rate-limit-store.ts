import type { FastifyRateLimitStore } from "@fastify/rate-limit";
import type pg from "pg";
import { AppError, ErrorCode } from "../errors/app-error.js";
import type { ErrorLog } from "../errors/error-mapping.js";

type IncrCallback = Parameters<FastifyRateLimitStore["incr"]>[1];

/** The plugin's store contract plus `read`, which it calls for `{ increment: false }` but does not type. */
export interface ReadableRateLimitStore extends FastifyRateLimitStore {
  read(key: string, cb: IncrCallback, timeWindow?: number, max?: number): void;
  child(routeOptions: object): ReadableRateLimitStore;
}

/** The plugin constructs the store itself, with its global options. */
export type RateLimitStoreClass = new (options: unknown) => ReadableRateLimitStore;

/** What the plugin hands `child()`: the route's merged limit options, with the route itself in `routeInfo`. */
interface ChildOptions {
  routeInfo?: { method?: string | string[]; url?: string };
}

// One statement, so concurrent hits from any number of processes serialise on the row lock and each sees
// the count left by the one before. now() is fixed for the statement, so the CASE arms and the remaining
// time agree, and it is the database's clock, which every process shares (theirs may drift apart). The end
// is computed from whole milliseconds, as the column stores them: rounding up would promise the client a
// remaining time longer than the window.
const INCR = `
  INSERT INTO "RateLimitWindow" AS w (key, "windowEndsAt", hits)
  VALUES ($1, date_trunc('milliseconds', now()) + $2::float8 * interval '1 millisecond', 1)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN w."windowEndsAt" <= now() THEN 1 ELSE w.hits + 1 END,
    "windowEndsAt" = CASE WHEN w."windowEndsAt" <= now() THEN excluded."windowEndsAt" ELSE w."windowEndsAt" END
  RETURNING hits, greatest(0, ceil(extract(epoch FROM w."windowEndsAt" - now()) * 1000))::float8 AS "ttlMs"`;

const READ = `
  SELECT hits, greatest(0, ceil(extract(epoch FROM "windowEndsAt" - now()) * 1000))::float8 AS "ttlMs"
  FROM "RateLimitWindow" WHERE key = $1 AND "windowEndsAt" > now()`;

// A row whose window has ended counts the same as no row (the next hit starts over), so deleting it changes
// no limit; the hour's margin keeps the purge away from rows that callers are still hitting.
const PURGE = `DELETE FROM "RateLimitWindow" WHERE "windowEndsAt" < now() - interval '1 hour'`;
const PURGE_EVERY_MS = 10 * 60_000;

const unreachable = () =>
  new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    "The rate-limit counters (in PostgreSQL) could not be reached, so the request was not run: try again shortly",
  );

/**
 * A key as PostgreSQL text can hold it: limits count before a request's body is validated, so a key may carry
 * whatever the caller sent (a NUL in a sign-in e-mail), which must be counted, not fail as an outage.
 */
const storable = (key: string) => key.replaceAll("\0", "\uFFFD");

/**
 * A store for @fastify/rate-limit that keeps the counters in PostgreSQL (table "RateLimitWindow"), so every
 * worker process and every replica over the same database counts against one limit. Fixed windows, like the
 * plugin's in-memory store. The plugin constructs the store itself (`new Store(options)`), hence a class
 * closing over the pool. `continueExceeding` and `exponentialBackoff` are not implemented: no route uses them.
 * `log` receives the database error behind a 503, which the client is not shown.
 */
export function pgRateLimitStore(pool: pg.Pool, log?: ErrorLog): RateLimitStoreClass {
  // Shared by every route's child store of this plugin instance, so that one process purges once per period.
  let lastPurgeAt = Date.now();

  const purgeIfDue = () => {
    const now = Date.now();
    if (now - lastPurgeAt < PURGE_EVERY_MS) return;
    lastPurgeAt = now;
    // Fire and forget: the purge only bounds the table's size, so a failure can wait for the next period (and
    // an unreachable database already fails the hit that triggered it).
    pool.query(PURGE).catch(() => {});
  };

  // The route, not the key: sign-in keys hold the caller's IP address and e-mail.
  const fail = (cb: IncrCallback, route: string, err: unknown) => {
    log?.error({ err, route }, "rate-limit counters could not be reached");
    cb(unreachable());
  };

  class PgRateLimitStore implements ReadableRateLimitStore {
    /**
     * `_options` are the plugin's global options, which this store does not need. `prefix` names the route:
     * routes count separately even when their keys coincide (an IP, a user), as with the in-memory store.
     */
    constructor(
      _options?: unknown,
      private readonly prefix = "",
    ) {}

    incr(key: string, cb: IncrCallback, timeWindow: number) {
      pool.query<{ hits: number; ttlMs: number }>(INCR, [storable(this.prefix + key), timeWindow]).then(
        (res) => {
          const row = res.rows[0];
          if (!row) return fail(cb, this.prefix, new Error("the upsert returned no row"));
          cb(null, { current: row.hits, ttl: row.ttlMs });
          purgeIfDue();
        },
        (err) => fail(cb, this.prefix, err),
      );
    }

    /** For `{ increment: false }`: the current window without counting a hit; none gives zeros. */
    read(key: string, cb: IncrCallback) {
      pool.query<{ hits: number; ttlMs: number }>(READ, [storable(this.prefix + key)]).then(
        (res) => {
          const row = res.rows[0];
          cb(null, row ? { current: row.hits, ttl: row.ttlMs } : { current: 0, ttl: 0 });
        },
        (err) => fail(cb, this.prefix, err),
      );
    }

    child(routeOptions: object): ReadableRateLimitStore {
      const route = (routeOptions as ChildOptions).routeInfo;
      const method = Array.isArray(route?.method) ? route.method.join(",") : (route?.method ?? "");
      return new PgRateLimitStore(undefined, route?.url ? `${method} ${route.url}|` : this.prefix);
    }
  }

  return PgRateLimitStore;
}
