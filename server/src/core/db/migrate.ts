import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { repoRoot } from "../config/repo-paths.js";

const require = createRequire(import.meta.url);

/** Runs the Prisma CLI against `url` (migrations applied by `prisma migrate deploy`). */
export function runPrismaCli(args: string[], url: string, quiet = false): Promise<void> {
  const cli = require.resolve("prisma/build/index.js", { paths: [repoRoot] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code})\n${output}`)),
    );
  });
}

export function migrateDeploy(url: string, quiet = true): Promise<void> {
  return runPrismaCli(["migrate", "deploy"], url, quiet);
}
