// Installs what is missing, with nothing but Node itself: `npm run demo` and `npm test` call this before
// node_modules exists. Each step is skipped when its inputs (lock file, requirements, schema) are unchanged.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const stampDir = path.join(root, ".data", "setup");

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (res.error) throw new Error(`${cmd} ${args.join(" ")}: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${res.status})`);
}

function fingerprint(files) {
  const h = createHash("sha256");
  for (const f of files) h.update(existsSync(path.join(root, f)) ? readFileSync(path.join(root, f)) : f);
  return h.digest("hex");
}

/** Runs `step` unless the stamp says it already ran on these exact inputs (and `present` still holds). */
function once(name, inputs, present, step) {
  const stampFile = path.join(stampDir, `${name}.sha256`);
  const want = fingerprint(inputs);
  if (present() && existsSync(stampFile) && readFileSync(stampFile, "utf8") === want) return;
  step();
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(stampFile, want);
}

export function ensureNodeModules() {
  once(
    "npm",
    ["package-lock.json"],
    () => existsSync(path.join(root, "node_modules", ".package-lock.json")),
    () => {
      console.log("setup: installing npm packages (npm ci)...");
      run("npm", ["ci", "--no-audit", "--no-fund"]);
    },
  );
}

export function ensurePrismaClient() {
  once(
    "prisma-client",
    ["prisma/schema.prisma", "package-lock.json"],
    () => existsSync(path.join(root, "server/src/generated/prisma/client.ts")),
    () => {
      console.log("setup: generating the Prisma client...");
      // generate does not connect, but the 6.19 CLI needs a URL or it reaches for the native engine.
      run(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
        env: { ...process.env, DATABASE_URL: "postgresql://generate@127.0.0.1:1/generate" },
      });
    },
  );
}

export const venvPython = path.join(root, "ml", ".venv", "bin", "python");

function systemPython() {
  for (const candidate of [process.env.PYTHON, "python3.11", "python3"].filter(Boolean)) {
    const res = spawnSync(candidate, ["-c", "import sys; print(sys.version_info[:2] >= (3, 11))"], {
      encoding: "utf8",
    });
    if (res.status === 0 && res.stdout.trim() === "True") return candidate;
  }
  throw new Error("Python 3.11 or newer is needed for ml/: install it or set PYTHON to its path");
}

export function ensurePythonVenv() {
  once(
    "python-venv",
    ["ml/requirements.txt"],
    () => existsSync(venvPython),
    () => {
      console.log("setup: creating ml/.venv and installing pinned Python requirements...");
      if (!existsSync(venvPython)) run(systemPython(), ["-m", "venv", "ml/.venv"]);
      run(venvPython, [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-q",
        "-r",
        "ml/requirements.txt",
      ]);
    },
  );
}

/** Debian's Chromium for the browser tests (Playwright cannot download one offline). */
export function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH=${wanted} does not exist: point it at a Chromium or Chrome executable`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      "The browser tests need Chromium and /usr/bin/chromium is missing. Install it " +
        "(`sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium/Chrome executable.",
    );
  }
  console.log("setup: installing Debian's chromium for the browser tests...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const first = spawnSync("apt-get", ["install", "-y", "-q", "chromium"], { stdio: "inherit", env });
  if (first.status !== 0) {
    run("apt-get", ["update", "-q"], { env });
    run("apt-get", ["install", "-y", "-q", "chromium"], { env });
  }
  return wanted;
}

/**
 * Debian's nginx for the test that runs the deployment's nginx configuration (deploy/nginx/) in front of two
 * API processes. Installed as root when missing; otherwise its path is undefined and that test says it skipped.
 */
export function ensureNginx() {
  const wanted = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
  if (existsSync(wanted)) return wanted;
  if (process.env.NGINX_PATH) {
    throw new Error(`NGINX_PATH=${wanted} does not exist: point it at an nginx executable`);
  }
  if (process.getuid?.() !== 0) {
    console.warn(
      "setup: /usr/sbin/nginx is missing and installing it needs root: the nginx deployment test will be " +
        "skipped (`sudo apt-get install -y nginx`, or set NGINX_PATH to an nginx executable).",
    );
    return undefined;
  }
  console.log("setup: installing Debian's nginx for the deployment test...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const first = spawnSync("apt-get", ["install", "-y", "-q", "nginx"], { stdio: "inherit", env });
  if (first.status !== 0) {
    run("apt-get", ["update", "-q"], { env });
    run("apt-get", ["install", "-y", "-q", "nginx"], { env });
  }
  return wanted;
}

export function buildServer() {
  console.log("setup: building the server (tsc)...");
  run("npm", ["run", "-s", "build", "-w", "server"]);
}

export function buildWeb() {
  console.log("setup: building the web app (vite)...");
  run("npm", ["run", "-s", "build", "-w", "web"]);
}

export function setupAll({ browser = false } = {}) {
  ensureNodeModules();
  ensurePrismaClient();
  ensurePythonVenv();
  if (browser) ensureChromium();
}
