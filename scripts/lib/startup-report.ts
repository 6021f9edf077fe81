// How a start-up script (the demo, the browser tests' stack) reports a failure: what went wrong and how to fix
// it on the terminal, the whole error in a log file that the message names. Never a bare stack trace.
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";
import { explainStartupFailure, StartupError } from "../../server/src/core/errors/startup-error.js";

function writeLog(logFile: string, err: unknown): boolean {
  try {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const cause =
      err instanceof Error && err.cause
        ? `\ncaused by: ${String((err.cause as Error).stack ?? err.cause)}`
        : "";
    appendFileSync(
      logFile,
      `\n[${new Date().toISOString()}] start-up failed\n${err instanceof Error ? err.stack : String(err)}${cause}\n`,
    );
    return true;
  } catch {
    return false;
  }
}

/** Prints the failure for a person and keeps the details in `logFile`; returns the lines printed. */
export function reportStartupFailure(who: string, failure: unknown, logFile: string): string[] {
  const err = explainStartupFailure(failure);
  const logged = writeLog(logFile, err);
  const where = logged ? `Details: ${path.relative(repoRoot, logFile)}` : "";
  const lines =
    err instanceof StartupError
      ? [`${who}: ${err.message}`, `  How to fix: ${err.fix}`]
      : [`${who} failed: ${err instanceof Error ? err.message : String(err)}`];
  if (where) lines.push(`  ${where}`);
  for (const line of lines) console.error(line);
  return lines;
}
