import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../src/core/config/repo-paths.js";

/**
 * The built server: the processes are started the way production starts them (tsx cannot run the server
 * from sources, it emits no decorator metadata). `npm test` builds it first.
 */
export function builtServer(): string {
  const entry = path.join(repoRoot, "server", "dist", "main.js");
  const newestSource = (readdirSync(path.join(repoRoot, "server", "src"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .reduce((t, f) => Math.max(t, statSync(path.join(repoRoot, "server", "src", f)).mtimeMs), 0);
  let built = 0;
  try {
    built = statSync(entry).mtimeMs;
  } catch {
    // missing: reported below
  }
  if (built < newestSource)
    throw new Error("server/dist is missing or older than server/src: run `npm run build -w server` first");
  return entry;
}
