import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";

export const venvPython = path.join(repoRoot, "ml", ".venv", "bin", "python");

/** Runs `python -m creditpath_ml.<module>` in the project venv. */
export function runMl(
  module: string,
  args: string[],
  stdio: "inherit" | "pipe" = "inherit",
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(venvPython, ["-m", `creditpath_ml.${module}`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, PYTHONPATH: path.join(repoRoot, "ml") },
      stdio: ["ignore", stdio, "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.on("error", (err) =>
      reject(new Error(`could not run ${venvPython}: ${err.message} (run \`npm run setup\`)`)),
    );
    child.on("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`creditpath_ml.${module} ${args.join(" ")} failed (exit ${code})`)),
    );
  });
}
