import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { config } from "../config/config.js";
import { resolveDatabase } from "../db/database.js";
import type { Logger } from "../logging/logger.js";
import { announceFailure, announceListening } from "../process/readiness.js";
import { onShutdownSignal } from "../process/shutdown-signals.js";

// A process that keeps dying is a fault to report, not to hide by restarting forever.
const MAX_RESTARTS_PER_MINUTE = 5;
const RESTART_DELAY_MS = 1000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * The primary process of a server started with API_WORKERS > 1: it owns the database (starting the embedded
 * one once, for all), starts the server processes that share the port, replaces one that dies, and stops
 * them all on SIGINT/SIGTERM. It serves no requests itself. Live events need no relay here: every process
 * sends and receives them through the database (core/pubsub), like separate servers do.
 */
export async function runServerProcesses(log: Logger): Promise<void> {
  const cfg = config();
  const db = await resolveDatabase((line) => log.debug({ component: "postgres" }, line));
  // A token signed by one process must be accepted by the others: without a configured secret they share
  // one made here (it lasts as long as this server, like a single process's own).
  const jwtSecret = cfg.jwt.secret ?? randomBytes(32).toString("base64url");
  const slots = new Map<Worker, number>();
  const listening = new Set<number>();
  const restarts: number[] = [];
  let stopping = false;

  const start = (slot: number) => {
    const worker = cluster.fork({
      DATABASE_URL: db.url,
      JWT_SECRET: jwtSecret,
      CREDITPATH_WORKER_SLOT: String(slot),
    });
    slots.set(worker, slot);
  };

  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ processes: slots.size }, "stopping the server processes");
    const exited = [...slots.keys()].map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          w.once("exit", () => resolve());
          w.process.kill("SIGTERM");
          setTimeout(() => w.process.kill("SIGKILL"), STOP_TIMEOUT_MS).unref();
        }),
    );
    await Promise.all(exited);
    await db.release();
    process.exit(exitCode);
  };

  let announced = false;
  cluster.on("listening", (worker) => {
    const slot = slots.get(worker);
    if (slot === undefined) return;
    listening.add(slot);
    if (!announced && listening.size === cfg.apiWorkers) {
      announced = true;
      log.info(
        { url: `http://${cfg.host}:${cfg.port}`, processes: cfg.apiWorkers },
        "CreditPathAI API listening",
      );
      announceListening(cfg.port);
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    const slot = slots.get(worker);
    slots.delete(worker);
    if (stopping || slot === undefined) return;
    if (!listening.has(slot)) {
      // It never served: a configuration or start-up error that every new process would repeat.
      log.fatal({ slot, code, signal }, "a server process failed to start");
      void announceFailure(
        new Error(`a server process failed to start (exit ${code ?? signal}): see the API log`),
      ).then(() => stopAll(1));
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      log.fatal({ slot, code, signal }, "server processes keep dying: stopping");
      void stopAll(1);
      return;
    }
    log.error({ slot, code, signal }, "a server process died: starting a new one");
    listening.delete(slot);
    setTimeout(() => {
      if (!stopping) start(slot);
    }, RESTART_DELAY_MS);
  });

  onShutdownSignal(() => void stopAll(0));
  for (let slot = 0; slot < cfg.apiWorkers; slot++) start(slot);
}
