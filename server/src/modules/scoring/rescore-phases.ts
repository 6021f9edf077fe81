/** The parts of a rescoring whose time is measured (see RescorePhases). */
export const RESCORE_PHASES = [
  /** Waiting for the next chunk of histories (the stream reads one ahead). */
  "read",
  /** Features, reasons, promise states and delinquency in the worker threads (a chunk's wait for them). */
  "threads",
  /** The model run (probabilities, tiers; reasons attached). */
  "model",
  /** The policy and contact rules, and the staged rows built from the decisions. */
  "policy",
  /** Days past due, buckets and promise states (their own transaction, beside the scores'). */
  "delinquencyWrites",
  /** Scores and recommendations: staging, upsert, supersede and insert. */
  "scoreWrites",
  /** Tasks brought in line, created (escalations too) and their owners read. */
  "taskAlignment",
  /** The commit of the scores, recommendations and tasks. */
  "commit",
  /** Automated reminders queued as outbound messages (and superseded ones cancelled). */
  "messageQueueing",
] as const;

export type RescorePhase = (typeof RESCORE_PHASES)[number];

/**
 * Where a rescoring's time goes, phase by phase, in milliseconds summed over the chunks. The phases of
 * different chunks overlap (a chunk is read and computed while an earlier one is written), so the sum is more
 * than the run's wall time; what a phase adds up to is the time the run spent in it, on the thread or
 * connection that does it.
 */
export class RescorePhases {
  private readonly ms = new Map<RescorePhase, number>(RESCORE_PHASES.map((p) => [p, 0]));

  add(phase: RescorePhase, ms: number) {
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms);
  }

  /** Runs `work`, counting its time to `phase` (failed work too). */
  async time<T>(phase: RescorePhase, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  /** Seconds per phase, to a tenth. */
  seconds(): Record<RescorePhase, number> {
    return Object.fromEntries(
      RESCORE_PHASES.map((p) => [p, Math.round((this.ms.get(p) ?? 0) / 100) / 10]),
    ) as Record<RescorePhase, number>;
  }
}
