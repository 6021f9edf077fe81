import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

// Not the demo's 4000/5173, so a demo left running on this machine does not collide with the e2e stack;
// E2E_API_PORT / E2E_WEB_PORT move it when two stacks run on one machine.
const API_PORT = process.env.E2E_API_PORT ?? "4100";
const WEB_PORT = process.env.E2E_WEB_PORT ?? "5180";
const baseURL = `http://127.0.0.1:${WEB_PORT}`;
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  // One stack with one seeded database: parallel specs would race on shared rows.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: "list",
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // `npx playwright install` cannot download browsers offline: use the distribution's Chromium.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        // Without these Chromium keeps calling home and floods the closed network with refused connections.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // tsx directly, not through npx: the SIGTERM must reach the process that owns the database.
    command: "node node_modules/tsx/dist/cli.mjs scripts/e2e-stack.ts",
    cwd: repoRoot,
    url: `${baseURL}/login`,
    // The stack trains a quick model and rescores the seeded portfolio before it opens.
    timeout: 420_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: { PORT: API_PORT, WEB_PORT },
    stdout: "pipe",
    stderr: "pipe",
  },
});
