import type pg from "pg";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Latency buckets (seconds) from a cached read (a few ms) to a slow page or a big rescoring batch. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Where a score was asked for: one `/predict` call, or a batch of a rescoring (portfolio or one loan). */
export type ScoringSource = "predict" | "rescore";

/** Which model ran: the probability of default, or a collection score. */
export type ScoredModel = "probability_of_default" | "propensity_to_pay" | "promise_kept";

/** What the scoring services report of each model run. */
export interface ScoringMetrics {
  observeScoring(source: ScoringSource, rows: number, seconds: number, model?: ScoredModel): void;
}

/** A GraphQL operation as its metrics see it: every label comes from a bounded set (see the plugin). */
export interface GraphQLOperationLabels {
  operation: string;
  type: string;
  outcome: "ok" | "error";
}

/** The queue sizes, read when a scraper asks (one query per queue, so only then). */
export type QueueSizes = () => Promise<Record<string, number>>;

/**
 * The process's Prometheus metrics, in a registry of its own (not prom-client's global one): tests start
 * several servers in one process, and each must count only its own requests.
 */
export class Metrics implements ScoringMetrics {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests answered, by route pattern (not the raw URL), method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly graphqlOperations = new Counter({
    name: "graphql_operations_total",
    help: "GraphQL operations over HTTP, by the schema's root field they call, operation type and outcome",
    labelNames: ["operation", "type", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: "graphql_operation_duration_seconds",
    help: "Time to answer a GraphQL operation over HTTP, by root field, operation type and outcome",
    labelNames: ["operation", "type", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly scoredRows = new Counter({
    name: "scoring_loans_total",
    help: "Loans scored, by source (/predict or rescoring) and model",
    labelNames: ["source", "model"] as const,
    registers: [this.registry],
  });
  private readonly scoringDuration = new Histogram({
    name: "scoring_duration_seconds",
    help: "Time of one model run (a /predict call's loan, or a rescoring batch), by source and model",
    labelNames: ["source", "model"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeGraphQL(labels: GraphQLOperationLabels, seconds: number): void {
    this.graphqlOperations.inc(labels);
    this.graphqlDuration.observe(labels, seconds);
  }

  observeScoring(
    source: ScoringSource,
    rows: number,
    seconds: number,
    model: ScoredModel = "probability_of_default",
  ): void {
    this.scoredRows.inc({ source, model }, rows);
    this.scoringDuration.observe({ source, model }, seconds);
  }

  /** The served model's version as a label (value 1); no series while no model is loaded. */
  watchModelVersion(version: () => string | undefined): void {
    new Gauge({
      name: "model_info",
      help: "The model version being served (value 1, the version is the label)",
      labelNames: ["version"] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const v = version();
        if (v !== undefined) this.set({ version: v }, 1);
      },
    });
  }

  /** A node-postgres pool's connections, read at scrape time. */
  watchPool(name: string, pool: pg.Pool): void {
    const gauge = (metric: string, help: string, read: () => number) =>
      new Gauge({
        name: `db_pool_${metric}`,
        help,
        labelNames: ["pool"] as const,
        registers: [this.registry],
        collect() {
          this.set({ pool: name }, read());
        },
      });
    gauge("connections_total", "Connections the pool holds (idle and in use)", () => pool.totalCount);
    gauge("connections_idle", "Connections the pool holds unused", () => pool.idleCount);
    gauge("waiting_requests", "Queries waiting for a free connection", () => pool.waitingCount);
  }

  /**
   * Live GraphQL subscriptions in this process, by event topic, read at scrape time: how the WebSocket load
   * spreads over the replicas behind a balancer (each holds its own sockets).
   */
  watchSubscriptions<Topic extends string>(topics: readonly Topic[], live: (topic: Topic) => number): void {
    new Gauge({
      name: "graphql_subscriptions",
      help: "Live GraphQL subscriptions (over WebSocket) in this process, by event topic",
      labelNames: ["topic"] as const,
      registers: [this.registry],
      collect() {
        for (const topic of topics) this.set({ topic }, live(topic));
      },
    });
  }

  /** Jobs waiting in each queue of the job queue, read at scrape time. */
  watchQueues(sizes: QueueSizes): void {
    new Gauge({
      name: "job_queue_depth",
      help: "Jobs waiting (created or retrying) in each job queue",
      labelNames: ["queue"] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [queue, size] of Object.entries(await sizes())) this.set({ queue }, size);
      },
    });
  }
}
