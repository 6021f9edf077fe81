import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { StartupError } from "../errors/startup-error.js";
import type { PostgresBinaries } from "./postgres-binaries.js";
import type { OsUser } from "./postgres-os-user.js";

export interface ClusterSpec {
  binaries: PostgresBinaries;
  /** Who runs the programs (as root: the postgres OS user); undefined = this process's user. */
  osUser: OsUser | undefined;
  dir: string;
  port: number;
  user: string;
  password: string;
  log?: (line: string) => void;
}

export interface StartedCluster {
  /** Stops the server (fast shutdown) and waits for it to exit. */
  stop(): Promise<void>;
  /**
   * Stops it as a crash would (immediate shutdown, what `pg_ctl stop -m immediate` sends: no checkpoint, open
   * transactions cut off) and waits for it to exit; the next start recovers from the write-ahead log.
   */
  crash(): Promise<void>;
}

const READY = "database system is ready to accept connections";
const STOP_TIMEOUT_MS = 20_000;

// Server messages in English whatever the machine's language: readiness and failures are read from them.
const messagesEnv = () => ({ ...process.env, LC_MESSAGES: "C" });

/** A UTF-8 locale when the machine has one (case-insensitive search on names with accents), else C. */
function bestLocale(): string {
  try {
    const have = new Set(execFileSync("locale", ["-a"], { encoding: "utf8" }).split(/\r?\n/));
    for (const l of ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"]) if (have.has(l)) return l;
  } catch {
    // no `locale` program: C always exists
  }
  return "C";
}

/** The PostgreSQL major version that made the data directory, if it holds one. */
export function clusterVersion(dir: string): string | undefined {
  const file = path.join(dir, "PG_VERSION");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

/** A start-up failure told by PostgreSQL's own words, for the person at the terminal. */
function explainServerOutput(output: string, spec: ClusterSpec): StartupError | undefined {
  const tail = output.trim().split("\n").slice(-3).join(" | ");
  if (/Address already in use|could not create any TCP\/IP sockets/.test(output))
    return new StartupError(
      `The embedded PostgreSQL could not listen on port ${spec.port}: another program holds it.`,
      "Stop that program, or set CREDITPATH_PG_PORT to a free port.",
      { code: "EADDRINUSE" },
    );
  if (/No space left on device/.test(output))
    return new StartupError(
      `The disk holding ${spec.dir} is full (PostgreSQL: ${tail}).`,
      "Free some space, or set CREDITPATH_PG_DIR to a folder on a disk with room.",
    );
  if (/Permission denied/.test(output))
    return new StartupError(
      `PostgreSQL${spec.osUser ? ` (running as the "${spec.osUser.name}" OS user)` : ""} may not use ${spec.dir} (${tail}).`,
      `Set CREDITPATH_PG_DIR to a folder that ${spec.osUser ? `the "${spec.osUser.name}" user` : "you"} can write, outside private (mode 700) folders.`,
    );
  if (/incompatible with server/.test(output))
    return new StartupError(
      `The data directory ${spec.dir} was made by another PostgreSQL version (${tail}).`,
      "Move that folder away (its data is kept there), or set CREDITPATH_PG_DIR to another folder.",
    );
  return undefined;
}

function failure(what: string, output: string, spec: ClusterSpec): Error {
  return (
    explainServerOutput(output, spec) ??
    new Error(`${what} failed for ${spec.dir} on port ${spec.port}: ${output.trim() || "no output"}`)
  );
}

/** Runs initdb on an empty data directory (owned by the OS user that will run the server). */
export async function initCluster(spec: ClusterSpec): Promise<void> {
  mkdirSync(spec.dir, { recursive: true, mode: 0o700 });
  const ids = spec.osUser ? { uid: spec.osUser.uid, gid: spec.osUser.gid } : {};
  if (spec.osUser) chownSync(spec.dir, spec.osUser.uid, spec.osUser.gid);
  const pwFile = path.join(os.tmpdir(), `creditpath-pw-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwFile, `${spec.password}\n`, { mode: 0o600 });
  if (spec.osUser) chownSync(pwFile, spec.osUser.uid, spec.osUser.gid);
  try {
    const args = [
      `--pgdata=${spec.dir}`,
      "--auth=password",
      `--username=${spec.user}`,
      `--pwfile=${pwFile}`,
      "--encoding=UTF8",
      `--locale=${bestLocale()}`,
      "--lc-messages=C",
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(spec.binaries.initdb, args, { ...ids, env: messagesEnv() });
      let text = "";
      const collect = (chunk: Buffer) => {
        text += chunk.toString("utf8");
      };
      child.stdout.on("data", collect);
      child.stderr.on("data", collect);
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(text) : reject(failure("initdb", text || `exit ${code}`, spec)),
      );
    });
    spec.log?.(output.trimEnd());
  } finally {
    rmSync(pwFile, { force: true });
  }
}

const runningStops = new Set<() => Promise<void>>();

/**
 * A CLI that starts a cluster and has no shutdown of its own would otherwise die on SIGTERM and leave the
 * server running. Where the program handles the signal itself (the API, the demo), it releases the cluster.
 */
function stopClustersOnSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  void Promise.allSettled([...runningStops].map((stop) => stop())).finally(() =>
    process.exit(128 + (os.constants.signals[signal] ?? 0)),
  );
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stopClustersOnSignal);

/**
 * Starts the server on the data directory and resolves once it accepts connections. If this process ends
 * without stopping it (a crash, an uncaught error), the server is told to stop too, so nothing is left running.
 */
export function startCluster(spec: ClusterSpec): Promise<StartedCluster> {
  const ids = spec.osUser ? { uid: spec.osUser.uid, gid: spec.osUser.gid } : {};
  // IPv4 loopback only, where our URLs point: with "localhost", a port taken on 127.0.0.1 alone would still
  // start on ::1, and our connections would reach the other program. No Unix socket: nothing here uses one,
  // and two clusters racing for one port would collide on its lock file in /tmp first.
  const args = ["-D", spec.dir, "-p", String(spec.port), "-c", "listen_addresses=127.0.0.1"];
  args.push("-c", "unix_socket_directories=");
  const server: ChildProcess = spawn(spec.binaries.postgres, args, {
    ...ids,
    env: messagesEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stopOnExit = () => server.kill("SIGINT");
  process.on("exit", stopOnExit);
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  void exited.then(() => {
    process.off("exit", stopOnExit);
    runningStops.delete(stop);
  });

  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const timer = setTimeout(() => server.kill("SIGQUIT"), STOP_TIMEOUT_MS);
    server.kill("SIGINT");
    await exited;
    clearTimeout(timer);
  };
  runningStops.add(stop);
  const crash = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    server.kill("SIGQUIT");
    await exited;
  };

  return new Promise((resolve, reject) => {
    let output = "";
    let ready = false;
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      // Keep reading after start-up: a full pipe would block the server's logging.
      spec.log?.(text.trimEnd());
      if (ready) return;
      output += text;
      if (output.includes(READY)) {
        ready = true;
        resolve({ stop, crash });
      }
    };
    server.stdout?.on("data", onOutput);
    server.stderr?.on("data", onOutput);
    server.once("error", (err) => reject(err));
    server.once("close", (code, signal) => {
      if (!ready) reject(failure("PostgreSQL start", output || `exit ${code ?? signal}`, spec));
    });
  });
}
