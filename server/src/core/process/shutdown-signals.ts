/**
 * Runs `stop` on SIGINT and SIGTERM: requests in flight finish, queued audit records are written, and the
 * embedded cluster is released last by whoever started it. (A process that ends any other way tells its
 * embedded cluster to stop on "exit": see postgres-cluster.ts.)
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
}
