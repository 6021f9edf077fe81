import { setTimeout as sleep } from "node:timers/promises";

/** Latency figures of one measured run, in milliseconds. */
export interface LatencyFigures {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export function latencyFigures(samples: readonly number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/**
 * Runs `worker(i)` for each of `concurrency` workers in a loop, first for `warmupSeconds` unmeasured and then
 * for `seconds`, and returns the measured calls' latencies and failures. A worker throws to report a failed
 * call (it is counted, not fatal). With `thinkMs`, each worker pauses between its calls for a random time
 * between half and one and a half times it, as a person does between two pages (the pause is not measured).
 */
export async function closedLoop(
  concurrency: number,
  warmupSeconds: number,
  seconds: number,
  worker: (i: number, call: number) => Promise<void>,
  thinkMs = 0,
): Promise<{ latencies: number[]; failures: string[]; seconds: number }> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const warmEnd = performance.now() + warmupSeconds * 1000;
  const end = warmEnd + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      for (let call = 0; performance.now() < end; call++) {
        const started = performance.now();
        let failed: string | null = null;
        try {
          await worker(i, call);
        } catch (err) {
          failed = (err as Error).message;
        }
        if (started >= warmEnd) {
          if (failed === null) latencies.push(performance.now() - started);
          else failures.push(failed);
        }
        if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
      }
    }),
  );
  return { latencies, failures, seconds };
}
