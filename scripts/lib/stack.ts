// Starting the API and the portal as child processes, shared by `npm run demo` and the browser tests.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";
import { StartupError } from "../../server/src/core/errors/startup-error.js";
import { SERVER_NODE_FLAGS } from "../../server/src/core/http/server-node-flags.js";
import { portInUseError } from "../../server/src/core/net/ports.js";
import { isReadinessMessage } from "../../server/src/core/process/readiness.js";
import { onShutdownSignal } from "../../server/src/core/process/shutdown-signals.js";

/** Waits until `url` answers (below 500, and with a body `isOurs` accepts) while `child` runs. */
export async function waitForHttp(
  url: string,
  child: ChildProcess,
  what: string,
  timeoutMs = 60_000,
  isOurs: (body: string) => boolean = () => true,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      const res = await fetch(url);
      if (res.status < 500 && isOurs(await res.text())) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000}s`);
}

export interface StackOptions {
  databaseUrl: string;
  apiPort: number;
  webPort: number;
  modelDir?: string;
  collectionModelsDir?: string;
  /** Where the API's log lines go: a file descriptor (the demo's log file), or nowhere (browser tests). */
  apiOutput?: "inherit" | "ignore" | number;
  /** Settings for the API beyond the database, ports and model (the browser tests' faster promise sweep). */
  apiEnv?: Record<string, string>;
}

export interface RunningStack {
  apiUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

// Every API and portal process started here, until it exits: a stop that comes while they are still
// starting (Ctrl+C during start-up) must reach them too.
const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 8000).unref();
  });
}

export interface ApiOptions {
  databaseUrl: string;
  apiPort: number;
  modelDir?: string;
  collectionModelsDir?: string;
  output?: "inherit" | "ignore" | number;
  env?: Record<string, string>;
}

/**
 * Resolves when the API says over IPC that it listens on `port`; rejects with its own explanation when it
 * says it failed, or when it exits first. Polling the address alone would take another program on that
 * port for our server.
 */
function apiListening(api: ChildProcess, port: number, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The API did not start listening on port ${port} within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    const done = (err?: Error) => {
      clearTimeout(timer);
      api.off("message", onMessage);
      api.off("exit", onExit);
      if (err) reject(err);
      else resolve();
    };
    const onMessage = (m: unknown) => {
      if (!isReadinessMessage(m)) return;
      if (m.creditpath === "listening") done();
      else
        done(m.fix ? new StartupError(`The API could not start: ${m.message}`, m.fix) : new Error(m.message));
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(new Error(`The API exited (${code ?? signal}) before it listened on port ${port}`));
    api.on("message", onMessage);
    api.once("exit", onExit);
  });
}

/** The built API (server/dist) as a child process, resolved once it listens and /health answers. */
export async function startApi(
  opts: ApiOptions,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const serverEntry = path.join(repoRoot, "server", "dist", "main.js");
  if (!existsSync(serverEntry))
    throw new Error("server/dist is missing: run `npm run build -w server` first");
  const output = opts.output ?? "inherit";
  const api = track(
    spawn(process.execPath, [...SERVER_NODE_FLAGS, serverEntry], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: opts.databaseUrl,
        PORT: String(opts.apiPort),
        ...(opts.modelDir ? { CREDITPATH_MODEL_DIR: opts.modelDir } : {}),
        ...(opts.collectionModelsDir ? { CREDITPATH_COLLECTION_MODELS_DIR: opts.collectionModelsDir } : {}),
        ...opts.env,
      },
      // stderr beside stdout: a failure's details belong in the log the user is pointed at.
      stdio: ["ignore", output, output, "ipc"],
    }),
  );
  const url = `http://127.0.0.1:${opts.apiPort}`;
  try {
    await apiListening(api, opts.apiPort);
    await waitForHttp(`${url}/health/live`, api, "The API");
  } catch (err) {
    await stopChild(api);
    throw err;
  }
  api.disconnect();
  return { url, child: api, stop: () => stopChild(api) };
}

/** The built portal (vite preview), resolved once our page answers at its address. */
async function startPortal(opts: { webPort: number; apiPort: number; databaseUrl: string }) {
  const viteCli = path.join(repoRoot, "node_modules", "vite", "bin", "vite.js");
  const web = track(
    spawn(process.execPath, [viteCli, "preview", "--strictPort"], {
      cwd: path.join(repoRoot, "web"),
      // PORT: the portal's proxy sends /graphql and /auth to the API on the port it actually got.
      env: {
        ...process.env,
        DATABASE_URL: opts.databaseUrl,
        WEB_PORT: String(opts.webPort),
        PORT: String(opts.apiPort),
      },
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  let errors = "";
  web.stderr?.on("data", (chunk) => {
    errors += String(chunk);
    process.stderr.write(chunk);
  });
  const webUrl = `http://127.0.0.1:${opts.webPort}`;
  try {
    await waitForHttp(`${webUrl}/`, web, "The portal (vite preview)", 60_000, (body) =>
      body.includes("<title>CreditPathAI</title>"),
    );
  } catch (err) {
    await stopChild(web);
    if (/already in use/i.test(errors)) throw portInUseError(opts.webPort, "WEB_PORT", true);
    throw err;
  }
  return { webUrl, stop: () => stopChild(web) };
}

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  if (!existsSync(path.join(repoRoot, "web", "dist", "index.html"))) {
    throw new Error("web/dist is missing: run `npm run build -w web` first");
  }
  const api = await startApi({
    databaseUrl: opts.databaseUrl,
    apiPort: opts.apiPort,
    modelDir: opts.modelDir,
    collectionModelsDir: opts.collectionModelsDir,
    output: opts.apiOutput,
    env: { ...opts.apiEnv, WEB_PORT: String(opts.webPort) },
  });
  let web: Awaited<ReturnType<typeof startPortal>>;
  try {
    web = await startPortal({ webPort: opts.webPort, apiPort: opts.apiPort, databaseUrl: opts.databaseUrl });
  } catch (err) {
    await api.stop();
    throw err;
  }
  return {
    apiUrl: api.url,
    webUrl: web.webUrl,
    stop: async () => void (await Promise.all([web.stop(), api.stop()])),
  };
}

/**
 * How a stack started by a script ends: on SIGINT/SIGTERM (or when the returned function is called with an
 * exit code) the API and portal stop, then the database goes, even when stopping them failed; once.
 */
export function shutdownWith(
  stack: () => RunningStack | undefined,
  releaseDatabase: () => Promise<void>,
): (code: number) => Promise<void> {
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    try {
      await stack()?.stop();
      await Promise.all([...children].map(stopChild));
    } finally {
      await releaseDatabase();
      process.exit(code);
    }
  };
  onShutdownSignal(() => void shutdown(0));
  return shutdown;
}
