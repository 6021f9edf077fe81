import PgBoss from "pg-boss";

/**
 * How a queue treats jobs with the same singleton key (pg-boss's queue policies): `short` keeps at most one
 * waiting job per key (a second send while one waits is dropped), `singleton` at most one running, `stately`
 * one of each, `standard` any number.
 */
export type QueuePolicy = "standard" | "short" | "singleton" | "stately";

export interface QueueSettings {
  policy: QueuePolicy;
  /** Retries of a job whose handler throws (pg-boss's default is 2). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job running longer than this is failed (and retried) by pg-boss. */
  expireInSeconds?: number;
  /**
   * The queue that gets a copy of a job (its data, and the last failure in `output`) once it has failed its
   * last attempt, whether its handler threw or its worker died; it must exist first.
   */
  deadLetter?: string;
}

export interface JobToSend<T> {
  data: T;
  /** Jobs with the same key are deduplicated as the queue's policy says. */
  singletonKey?: string;
  /** Not run before this instant. */
  startAfter?: Date;
}

/** The job a handler is running: a retry has retryCount > 0. `output`: a dead letter's last failure. */
export interface JobAttempt {
  id: string;
  retryCount: number;
  retryLimit: number;
  output?: unknown;
}

export interface JobQueueOptions {
  /** The application's PostgreSQL database: pg-boss keeps its jobs there, in a schema of its own. */
  connectionString: string;
  /** pg-boss creates (and migrates) this schema when it starts. */
  schema?: string;
  /** Connections pg-boss's own pool may open. */
  maxConnections?: number;
  /** How often an idle worker looks for new jobs. */
  pollingIntervalSeconds?: number;
  /**
   * How often pg-boss fails expired jobs (those whose worker died mid-job) so that they are retried, among
   * other housekeeping (pg-boss's default is 120 s).
   */
  maintenanceIntervalSeconds?: number;
  onError: (err: Error) => void;
}

const QUEUE_CREATE_ATTEMPTS = 5;

/**
 * A PostgreSQL-backed job queue (pg-boss 10) shared by every server process on one database: a job is
 * fetched by one worker only (SELECT ... FOR UPDATE SKIP LOCKED), jobs survive restarts, and a cron
 * schedule fires once per tick whichever processes run. Queues are created on first use. This wrapper is all
 * the application sees of pg-boss, so the outbound messages and (later) rescoring share one way of queueing.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly polling: number;
  private readonly known = new Set<string>();

  constructor(options: JobQueueOptions) {
    this.polling = options.pollingIntervalSeconds ?? 2;
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema ?? "pgboss",
      max: options.maxConnections ?? 3,
      application_name: "creditpath-jobs",
      ...(options.maintenanceIntervalSeconds
        ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }
        : {}),
    });
    this.boss.on("error", options.onError);
  }

  /** Connects, and creates or migrates pg-boss's schema (it holds the jobs, queues and schedules). */
  async start(): Promise<void> {
    await this.boss.start();
  }

  /** Stops fetching, waits up to `timeoutMs` for running jobs to finish, then closes the connections. */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }

  /** Creates the queue if it does not exist yet (pg-boss 10 needs a queue before jobs are sent to it). */
  async queue(name: string, settings: QueueSettings): Promise<void> {
    if (this.known.has(name)) return;
    // pg-boss checks every key it is given, undefined ones too: only the settings that are set.
    const options = Object.fromEntries(
      Object.entries({
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: settings.retryBackoff,
        expireInSeconds: settings.expireInSeconds,
        deadLetter: settings.deadLetter,
      }).filter(([, v]) => v !== undefined),
    );
    // Replicas starting together create the same queue at once: pg-boss's create_queue then deadlocks in one
    // of them (it creates a partition table). The loser tries again after the winner committed.
    for (let attempt = 1; !(await this.boss.getQueue(name)); attempt++) {
      try {
        await this.boss.createQueue(name, { name, policy: settings.policy, ...options });
      } catch (err) {
        if (attempt >= QUEUE_CREATE_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 100));
      }
    }
    this.known.add(name);
  }

  /** Runs `handler` for each job of the queue, one at a time; a handler that throws has its job retried. */
  async work<T extends object>(
    name: string,
    handler: (data: T, job: JobAttempt) => Promise<void>,
  ): Promise<void> {
    await this.boss.work<T>(
      name,
      { pollingIntervalSeconds: this.polling, batchSize: 1, includeMetadata: true },
      async (jobs) => {
        for (const job of jobs)
          await handler(job.data, {
            id: job.id,
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
            output: job.output,
          });
      },
    );
  }

  /**
   * Sends jobs inside the caller's transaction: they exist if and only if it commits (a run's chunks are
   * recorded and queued together).
   */
  async sendManyIn<T extends object>(
    client: { query(text: string, values?: unknown[]): Promise<unknown> },
    name: string,
    jobs: readonly JobToSend<T>[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    const db = {
      executeSql: (text: string, values?: unknown[]) =>
        client.query(text, values) as Promise<{ rows: unknown[] }>,
    };
    await this.boss.insert(
      jobs.map((j) => ({ name, data: j.data, singletonKey: j.singletonKey })),
      { db },
    );
  }

  async send<T extends object>(name: string, job: JobToSend<T>): Promise<string | null> {
    return this.boss.send(name, job.data, { singletonKey: job.singletonKey, startAfter: job.startAfter });
  }

  /** Many jobs in one statement; those a singleton key rules out are dropped. */
  async sendMany<T extends object>(name: string, jobs: readonly JobToSend<T>[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((j) => ({
        name,
        data: j.data,
        singletonKey: j.singletonKey,
        startAfter: j.startAfter?.toISOString(),
      })),
    );
  }

  /** Jobs waiting (created or retrying, not yet fetched) in each queue: the metrics read it at scrape time. */
  async sizes(): Promise<Record<string, number>> {
    const queues = await this.boss.getQueues();
    const sizes = await Promise.all(
      queues.map(async (q) => [q.name, (await this.boss.getQueueSize(q.name)) ?? 0]),
    );
    return Object.fromEntries(sizes);
  }

  /** Sends a job to the queue on a cron schedule (UTC): one job per tick, whichever processes run. */
  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: "UTC" });
  }

  /** Removes the queue's schedule (shared by every process on the database), if it has one. */
  async unschedule(name: string): Promise<void> {
    await this.boss.unschedule(name);
  }
}
