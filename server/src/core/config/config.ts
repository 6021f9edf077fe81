import { createHash } from "node:crypto";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { fromRepoRoot, repoRoot } from "./repo-paths.js";

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const port = z.coerce.number().int().min(1).max(65535);

// The names proxy-addr (Fastify's trustProxy) knows for whole ranges.
const NAMED_PROXY_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address (10.0.0.5), a CIDR range (10.0.0.0/8, fd00::/8) or a named range, as Fastify's trustProxy takes. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const proxyList = z
  .string()
  .default("")
  .transform((list) =>
    list
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
  )
  .superRefine((entries, ctx) => {
    for (const entry of entries.filter((e) => !isProxyAddress(e)))
      ctx.addIssue({
        code: "custom",
        message: `"${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or loopback/linklocal/uniquelocal: list your proxies' addresses, separated by commas`,
      });
  });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: port.default(4000),
  WEB_PORT: port.default(5173),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
    .optional(),
  CREDITPATH_PG_DIR: z.string().optional(),
  CREDITPATH_PG_PORT: port.default(54329),
  CREDITPATH_DATA_DIR: z.string().default("../shared/data"),
  CREDITPATH_MODEL_DIR: z.string().default(".data/model"),
  CREDITPATH_COLLECTION_MODELS_DIR: z.string().default(".data/collection-models"),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
  REFRESH_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  PROMISE_KEPT_TOLERANCE: z.coerce.number().gt(0).max(1).default(0.95),
  PROMISE_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(2),
  BUSINESS_TIME_ZONE: z
    .string()
    .default("UTC")
    .refine(isTimeZone, "must be an IANA time zone such as UTC or Europe/London"),
  PROMISE_HORIZON_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ARRANGEMENT_HORIZON_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(365 * 10)
    .default(365),
  PROMISE_SWEEP_SECONDS: z.coerce.number().int().min(0).default(60),
  RESCORE_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(0),
  RESCORE_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  RESCORE_WORKER: z.enum(["on", "off"]).default("on"),
  RESCORE_CHUNK_LOANS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  RESCORE_COMMIT_LOANS: z.coerce.number().int().min(1).max(20_000).default(2000),
  RESCORE_CHUNK_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  MODEL_WATCH_SECONDS: z.coerce.number().int().min(0).default(10),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  TRUSTED_PROXIES: proxyList,
  API_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(20_000),
  METRICS_TOKEN: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -hex 32)").optional(),
  MESSAGING_WORKER: z.enum(["on", "off"]).default("on"),
  MESSAGING_SENDER: z.enum(["outbox", "webhook"]).default("outbox"),
  MESSAGING_OUTBOX_PATH: z.string().default(".data/outbox/messages.jsonl"),
  MESSAGING_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  MESSAGING_WEBHOOK_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  MESSAGING_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  MESSAGING_WEBHOOK_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  MESSAGING_SWEEP_MINUTES: z.coerce.number().int().min(1).max(30).default(5),
  // Set by the server for the processes it starts, not by users.
  CREDITPATH_WORKER_SLOT: z.coerce.number().int().min(0).optional(),
});

export type Config = ReturnType<typeof buildConfig>;

// Postgres refuses to run as root; as root it runs as a `postgres` OS user, which cannot enter /root or a
// 0700 checkout. A folder under the system temp dir is reachable by that user; normal users keep the
// cluster beside the checkout.
function defaultPgDir(): string {
  if (process.getuid?.() === 0) {
    const repoTag = createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
    return path.join(os.tmpdir(), "creditpath", repoTag, "pg17");
  }
  return path.join(repoRoot, ".data", "pg17");
}

function buildConfig(env: NodeJS.ProcessEnv) {
  // An empty variable is an unset one: docker-compose.yml passes every setting as `${NAME:-}`, which is empty
  // when the operator left it out, and the server's own default must then apply.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration (environment variables):\n${problems}`);
  }
  const e = parsed.data;
  const setByUser = (name: string) => (env[name] ?? "") !== "";
  if (e.MESSAGING_SENDER === "webhook") {
    for (const name of ["MESSAGING_WEBHOOK_URL", "MESSAGING_WEBHOOK_SECRET"] as const) {
      if (!e[name])
        throw new Error(`${name} must be set when MESSAGING_SENDER=webhook (or use the outbox sender)`);
    }
  }
  if (e.NODE_ENV === "production" && !e.JWT_SECRET) {
    throw new Error("JWT_SECRET must be set (32+ random characters) when NODE_ENV=production");
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    webPort: e.WEB_PORT,
    /**
     * Which ports the user chose. A start-up that finds one of our defaults taken moves to the next free
     * port; a port the user chose is used or start-up stops with a message.
     */
    portsSetByUser: { api: setByUser("PORT"), web: setByUser("WEB_PORT") },
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    embeddedPg: {
      dir: e.CREDITPATH_PG_DIR ? fromRepoRoot(e.CREDITPATH_PG_DIR) : defaultPgDir(),
      port: e.CREDITPATH_PG_PORT,
      portSetByUser: setByUser("CREDITPATH_PG_PORT"),
    },
    dataDir: fromRepoRoot(e.CREDITPATH_DATA_DIR),
    modelDir: fromRepoRoot(e.CREDITPATH_MODEL_DIR),
    /** The collection scores' models, one folder per score (propensity-to-pay, promise-kept); optional. */
    collectionModelsDir: fromRepoRoot(e.CREDITPATH_COLLECTION_MODELS_DIR),
    /** Access tokens live ttlSeconds; a sign-in is refreshed for refreshTtlHours (a working day) without the password. */
    jwt: { secret: e.JWT_SECRET, ttlSeconds: e.JWT_TTL_SECONDS, refreshTtlHours: e.REFRESH_TTL_HOURS },
    /**
     * Sign-in attempts per minute: for one account from one address (password guessing), and from one
     * address whatever the accounts (password spraying).
     */
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    loginAttemptsPerAddressPerMinute: e.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
    /**
     * The reverse proxies whose X-Forwarded-For names the client (Fastify's trustProxy). Empty: nobody's, so
     * a client cannot pick the address its requests are counted under.
     */
    trustedProxies: e.TRUSTED_PROXIES,
    /** Rescore every portfolio this often inside the server (0 = only by `npm run rescore`). */
    rescoreIntervalMinutes: e.RESCORE_INTERVAL_MINUTES,
    /**
     * Worker threads that compute features and reasons during a rescoring: by default one per core but one,
     * which the main thread keeps for reading, scoring and writing (0 = all in the main thread).
     */
    rescoreThreads: e.RESCORE_THREADS ?? Math.max(0, os.availableParallelism() - 1),
    /**
     * Whether the server works on queued rescoring chunks (as `npm run rescore:worker` does); off leaves them
     * to dedicated workers.
     */
    rescoreWorker: e.RESCORE_WORKER === "on",
    /** Loans per queued rescoring chunk: the unit a worker process claims, and retries if it dies. */
    rescoreChunkLoans: e.RESCORE_CHUNK_LOANS,
    /** Loans per transaction within a chunk: a retried chunk resumes after the last one committed. */
    rescoreCommitLoans: e.RESCORE_COMMIT_LOANS,
    /**
     * How long a chunk may stay claimed before pg-boss gives it to another worker (its worker is taken for
     * dead); the queue looks for expired chunks every sixth of it.
     */
    rescoreChunkTimeoutSeconds: e.RESCORE_CHUNK_TIMEOUT_SECONDS,
    /** Server processes sharing the port (node:cluster); 1 = the server runs in this process alone. */
    apiWorkers: e.API_WORKERS,
    /** The most a GraphQL operation may cost (page sizes times selected fields); dearer ones get 400. */
    graphqlMaxCost: e.GRAPHQL_MAX_COST,
    /**
     * The bearer token a Prometheus scraper sends to GET /metrics. Unset: /metrics is off (404), so that
     * nobody reads the server's internals unless the operator chose to expose them.
     */
    metricsToken: e.METRICS_TOKEN,
    /**
     * Which of the server's processes this is (0-based; undefined when it runs alone, and then it announces
     * that it listens itself).
     */
    workerSlot: e.CREDITPATH_WORKER_SLOT,
    /** How often the server checks the model folder for a new version (0 = never). */
    modelWatchSeconds: e.MODEL_WATCH_SECONDS,
    /**
     * The outbound message queue (automated reminders): whether this process runs its worker, which sender
     * delivers (an outbox file of JSON lines, or an HTTP webhook signed with HMAC-SHA256), and how often the
     * sweep looks for recommendations that still need a message.
     */
    messaging: {
      worker: e.MESSAGING_WORKER === "on",
      sender: e.MESSAGING_SENDER,
      outboxPath: fromRepoRoot(e.MESSAGING_OUTBOX_PATH),
      webhook: {
        url: e.MESSAGING_WEBHOOK_URL,
        secret: e.MESSAGING_WEBHOOK_SECRET,
        timeoutMs: e.MESSAGING_WEBHOOK_TIMEOUT_MS,
        retries: e.MESSAGING_WEBHOOK_RETRIES,
      },
      sweepMinutes: e.MESSAGING_SWEEP_MINUTES,
    },
    /** When a promise to pay counts as kept: the share of its amount, paid by its date plus the grace days. */
    promiseRule: { keptTolerance: e.PROMISE_KEPT_TOLERANCE, graceDays: e.PROMISE_GRACE_DAYS },
    /** Where the collections floor works: "today" on dashboards (work done today) starts at its midnight. */
    businessTimeZone: e.BUSINESS_TIME_ZONE,
    /**
     * How far ahead a promise to pay may be dated (days from today), and the last instalment of a payment
     * plan or a settlement: a promise months away is no promise, a plan may run a year.
     */
    promiseHorizonDays: e.PROMISE_HORIZON_DAYS,
    arrangementHorizonDays: e.ARRANGEMENT_HORIZON_DAYS,
    /** How often the server settles pending promises (kept / broken) and announces broken ones (0 = never). */
    promiseSweepSeconds: e.PROMISE_SWEEP_SECONDS,
  };
}

let cached: Config | undefined;

/** The validated configuration; the only place that reads process.env. */
export function config(): Config {
  cached ??= buildConfig(process.env);
  return cached;
}

/** For tests and CLIs that change the environment after start-up. */
export function reloadConfig(): Config {
  cached = buildConfig(process.env);
  return cached;
}
