import { StartupError } from "../errors/startup-error.js";

/**
 * What a server tells the script that started it (the demo, the browser tests' stack) over the IPC channel,
 * when there is one: that it listens, or why it could not start. A parent that only polled an address could
 * mistake another program on that port for our server.
 */
export type ReadinessMessage =
  | { creditpath: "listening"; port: number }
  | { creditpath: "failed"; message: string; fix?: string };

export function isReadinessMessage(m: unknown): m is ReadinessMessage {
  return typeof m === "object" && m !== null && "creditpath" in m;
}

export function announceListening(port: number): void {
  process.send?.({ creditpath: "listening", port } satisfies ReadinessMessage);
}

/** Resolves once the message is handed over, so that the caller may exit right after. */
export function announceFailure(err: unknown): Promise<void> {
  const message: ReadinessMessage = {
    creditpath: "failed",
    message: err instanceof Error ? err.message : String(err),
    fix: err instanceof StartupError ? err.fix : undefined,
  };
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}
