// `npm test`: install what is missing, then lint, type-check and run every test suite, reporting each.
// A focused test (`.only`) fails the run wherever it runs, not only where CI is set: a forgotten one would
// otherwise pass having run one test. A test skipped for a reason says it (server/test/skip-unless.ts).
import { spawnSync } from "node:child_process";
import {
  buildServer,
  buildWeb,
  ensureChromium,
  ensureNginx,
  root,
  setupAll,
  venvPython,
} from "./lib/setup.mjs";

const only = process.argv.slice(2);
const steps = [
  ["lint: biome (TypeScript)", "npx", ["biome", "check", "."]],
  ["lint: ruff (Python)", venvPython, ["-m", "ruff", "check", "ml"]],
  ["format: ruff (Python)", venvPython, ["-m", "ruff", "format", "--check", "ml"]],
  ["typecheck", "npm", ["run", "-s", "typecheck"]],
  [
    "unit + integration (vitest, real PostgreSQL)",
    "npx",
    ["vitest", "run", "--allowOnly=false"],
    { cwd: `${root}/server` },
  ],
  [
    "portal unit tests (vitest, no server)",
    "npx",
    ["vitest", "run", "--allowOnly=false"],
    { cwd: `${root}/web` },
  ],
  ["ml (pytest)", venvPython, ["-m", "pytest", "-q"], { cwd: `${root}/ml` }],
  [
    "end-to-end (Playwright + Chromium)",
    "npx",
    ["playwright", "test", "--forbid-only"],
    { cwd: `${root}/web` },
  ],
].filter(([name]) => only.length === 0 || only.some((o) => name.includes(o)));

const started = Date.now();
const browser = steps.some(([name]) => name.startsWith("end-to-end"));
const vitest = steps.some(([name]) => name.startsWith("unit + integration"));
let chromium;
let nginx;
try {
  setupAll();
  if (browser) chromium = ensureChromium();
  if (vitest) nginx = ensureNginx();
  buildServer();
  buildWeb();
} catch (err) {
  console.error(`\nnpm test: set-up failed: ${err.message}`);
  process.exit(1);
}

const results = [];
for (const [name, cmd, args, opts = {}] of steps) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const res = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    ...opts,
    env: {
      ...process.env,
      ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
      ...(nginx ? { NGINX_PATH: nginx } : {}),
    },
  });
  results.push({ name, ok: res.status === 0, seconds: (Date.now() - t0) / 1000 });
}

console.log("\n=== summary ===");
for (const r of results) console.log(`${r.ok ? "PASS" : "FAIL"}  ${r.name}  (${r.seconds.toFixed(1)} s)`);
console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
