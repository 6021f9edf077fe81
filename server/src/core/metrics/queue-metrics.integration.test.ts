import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { JobQueue } from "../jobs/job-queue.js";
import { Metrics } from "./metrics.js";

describe("the job queue's depth in the metrics", () => {
  const schema = `pgboss_metrics_${randomUUID().slice(0, 8)}`;
  let jobs: JobQueue;

  beforeAll(async () => {
    jobs = new JobQueue({ connectionString: inject("databaseUrl"), schema, onError: () => {} });
    await jobs.start();
  });
  afterAll(async () => {
    await jobs.stop();
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it("reads each queue's waiting jobs when scraped, not when they are sent", async () => {
    const metrics = new Metrics();
    metrics.watchQueues(() => jobs.sizes());
    await jobs.queue("metrics-a", { policy: "standard" });
    await jobs.queue("metrics-b", { policy: "standard" });
    await jobs.sendMany("metrics-a", [{ data: { n: 1 } }, { data: { n: 2 } }]);

    const depth = async () => (await metrics.registry.getSingleMetric("job_queue_depth")?.get())?.values;
    expect(await depth()).toEqual(
      expect.arrayContaining([
        { labels: { queue: "metrics-a" }, value: 2 },
        { labels: { queue: "metrics-b" }, value: 0 },
      ]),
    );
    await jobs.send("metrics-b", { data: { n: 3 } });
    expect(await depth()).toEqual(
      expect.arrayContaining([
        { labels: { queue: "metrics-a" }, value: 2 },
        { labels: { queue: "metrics-b" }, value: 1 },
      ]),
    );
  });
});
