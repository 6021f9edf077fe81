// Starting the API and the portal as child processes, shared by `npm run demo` and the browser tests.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";
import { SERVER_NODE_FLAGS } from "../../server/src/core/http/server-node-flags.js";
import { onShutdownSignal } from "../../server/src/core/process/shutdown-signals.js";

export async function waitForHttp(url: string, child: ChildProcess, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited (code ${child.exitCode}) before it was ready`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
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
  /** Where the API's log lines go: a file descriptor (the demo's log file), or nowhere (browser tests). */
  apiOutput?: "inherit" | "ignore" | number;
}

export interface RunningStack {
  apiUrl: string;
  webUrl: string;
  stop(): Promise<void>;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
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
  output?: "inherit" | "ignore" | number;
  env?: Record<string, string>;
}

/** The built API (server/dist) as a child process, resolved once /health answers. */
export async function startApi(
  opts: ApiOptions,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const serverEntry = path.join(repoRoot, "server", "dist", "main.js");
  if (!existsSync(serverEntry))
    throw new Error("server/dist is missing: run `npm run build -w server` first");
  const api = spawn(process.execPath, [...SERVER_NODE_FLAGS, serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.apiPort),
      ...(opts.modelDir ? { CREDITPATH_MODEL_DIR: opts.modelDir } : {}),
      ...opts.env,
    },
    stdio: ["ignore", opts.output ?? "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${opts.apiPort}`;
  try {
    await waitForHttp(`${url}/health`, api, "The API");
  } catch (err) {
    await stopChild(api);
    throw err;
  }
  return { url, child: api, stop: () => stopChild(api) };
}

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  if (!existsSync(path.join(repoRoot, "web", "dist", "index.html"))) {
    throw new Error("web/dist is missing: run `npm run build -w web` first");
  }
  const api = await startApi({
    databaseUrl: opts.databaseUrl,
    apiPort: opts.apiPort,
    modelDir: opts.modelDir,
    output: opts.apiOutput,
    env: { WEB_PORT: String(opts.webPort) },
  });
  const env = { ...process.env, DATABASE_URL: opts.databaseUrl, WEB_PORT: String(opts.webPort) };
  const viteCli = path.join(repoRoot, "node_modules", "vite", "bin", "vite.js");
  const web = spawn(process.execPath, [viteCli, "preview", "--strictPort"], {
    cwd: path.join(repoRoot, "web"),
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const webUrl = `http://127.0.0.1:${opts.webPort}`;
  try {
    await waitForHttp(`${webUrl}/`, web, "The portal (vite preview)");
  } catch (err) {
    await Promise.all([stopChild(web), api.stop()]);
    throw err;
  }
  return {
    apiUrl: api.url,
    webUrl,
    stop: async () => void (await Promise.all([stopChild(web), api.stop()])),
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
    } finally {
      await releaseDatabase();
      process.exit(code);
    }
  };
  onShutdownSignal(() => void shutdown(0));
  return shutdown;
}
