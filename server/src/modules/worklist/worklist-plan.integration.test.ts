import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { Prisma } from "../../generated/prisma/client.js";
import { WORKLIST_STATUSES } from "./worklist.inputs.js";
import { type WorklistQuery, worklistPageSql } from "./worklist.repository.js";

// A floor at the benchmark's shape: agents with 500 open tasks each over loans of their own.
const AGENTS = 40;
const TASKS_PER_AGENT = 500;
const INDEX = "Task_assigneeId_status_priority_dueAt_idx";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

describe("the worklist query's plan", () => {
  let app: TestApp;
  const tag = randomUUID().slice(0, 8);
  let portfolioId: string;
  let modelId: string;
  let agentId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.services.db;
    portfolioId = (
      await db.portfolio.create({
        data: { name: `plan-${tag}`, source: "test", asOfDate: new Date("2026-11-30") },
      })
    ).id;
    modelId = (
      await db.modelVersion.create({ data: { version: `plan-${tag}`, algorithm: "test", card: {} } })
    ).id;
    const pool = app.services.pool;
    await pool.query(
      `INSERT INTO "User" (email, "displayName", "passwordHash", role, "updatedAt")
       SELECT 'plan-' || $1 || '-' || g || '@test.local', 'plan ' || g, 'x', 'AGENT', now() FROM generate_series(1, $2) g`,
      [tag, AGENTS],
    );
    await pool.query(
      `INSERT INTO "Borrower" ("portfolioId", "externalKey", "updatedAt")
       SELECT $1, 'b' || g, now() FROM generate_series(1, $2) g`,
      [portfolioId, AGENTS * TASKS_PER_AGENT],
    );
    await pool.query(
      `INSERT INTO "Loan" ("portfolioId", "borrowerId", "externalKey", "productType", "currentBucket", "updatedAt")
       SELECT $1, b.id, 'l' || b."externalKey", 'INSTALMENT',
              (enum_range(NULL::"DelinquencyBucket"))[1 + (hashtext(b."externalKey") & 1023) % 6], now()
       FROM "Borrower" b WHERE b."portfolioId" = $1`,
      [portfolioId],
    );
    await pool.query(
      `INSERT INTO "Task" ("loanId", "assigneeId", "actionType", status, priority, "dueAt", "updatedAt")
       SELECT l.id, a.id, 'CALL', CASE WHEN l.n % 10 = 0 THEN 'IN_PROGRESS' ELSE 'OPEN' END::"TaskStatus",
              1 + l.n % 5, now() + (l.n % 97) * interval '1 hour', now()
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Loan" WHERE "portfolioId" = $1) l
       JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "User" WHERE email LIKE 'plan-' || $2 || '-%') a
         ON a.n = l.n % $3`,
      [portfolioId, tag, AGENTS],
    );
    await pool.query(
      `INSERT INTO "RiskScore" ("loanId", "modelVersionId", probability, tier, bucket, dpd, "asOfDate", features)
       SELECT l.id, $2, 0.5, (enum_range(NULL::"RiskTier"))[1 + (hashtext(l."externalKey") & 1023) % 4],
              l."currentBucket", 0, '2026-11-30', '{}'
       FROM "Loan" l WHERE l."portfolioId" = $1`,
      [portfolioId, modelId],
    );
    // A fifth of the loans are past due with a propensity to pay, for this day and an earlier one.
    await pool.query(
      `INSERT INTO "PropensityScore" ("loanId", "modelVersionId", probability, "overdueAmount", "expectedRecovery", "asOfDate", features)
       SELECT l.id, $2, 0.5, 200, 100 + (hashtext(l."externalKey") & 1023), d, '{}'
       FROM "Loan" l CROSS JOIN (VALUES ('2026-10-31'::date), ('2026-11-30'::date)) AS x(d)
       WHERE l."portfolioId" = $1 AND hashtext(l."externalKey") % 5 = 0`,
      [portfolioId, modelId],
    );
    // Every worked loan has an active recommendation, as after a rescoring.
    await pool.query(
      `INSERT INTO "Recommendation" ("loanId", "actionType", priority, "dueAt", rationale, "updatedAt")
       SELECT l.id, 'CALL', 2, now(), 'plan', now() FROM "Loan" l WHERE l."portfolioId" = $1`,
      [portfolioId],
    );
    await pool.query(
      `ANALYZE "User", "Borrower", "Loan", "Task", "RiskScore", "PropensityScore", "Recommendation", "Portfolio"`,
    );
    agentId = (
      await pool.query<{ id: string }>(
        `SELECT id FROM "User" WHERE email = 'plan-' || $1 || '-1@test.local'`,
        [tag],
      )
    ).rows[0]?.id as string;
  });

  afterAll(async () => {
    const db = app.services.db;
    await db.portfolio.delete({ where: { id: portfolioId } });
    await db.modelVersion.delete({ where: { id: modelId } });
    await db.user.deleteMany({ where: { email: { startsWith: `plan-${tag}-` } } });
    await app.close();
  });

  const explain = async (q: Partial<WorklistQuery>) => {
    const sql = worklistPageSql({ assigneeId: agentId, statuses: WORKLIST_STATUSES, limit: 51, ...q });
    const rows = await app.services.db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
      Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`,
    );
    const result = rows[0]?.["QUERY PLAN"][0];
    if (!result) throw new Error("EXPLAIN returned no plan");
    return nodes(result.Plan);
  };

  // The plan, not the time, is what stays true on any machine: timings are for the benchmark.
  it("reads an agent's tasks through the assignee index and scans no large table", async () => {
    for (const q of [
      {},
      {
        after: {
          priority: 2,
          recoveryKey: "-100.00",
          dueAt: new Date(),
          id: "00000000-0000-0000-0000-000000000000",
        },
      },
      { tiers: ["HIGH" as const], buckets: ["DPD_30_59" as const, "DPD_90_PLUS" as const] },
      { actions: ["CALL" as const], dueFrom: new Date(), dueBefore: new Date(Date.now() + 86_400_000) },
    ]) {
      const all = await explain(q);
      expect(
        all.some((n) => n["Index Name"] === INDEX),
        JSON.stringify(q),
      ).toBe(true);
      expect(all.filter((n) => n["Relation Name"] === "Task" && n["Node Type"] === "Seq Scan")).toEqual([]);
      const scanned = all.filter((n) => n["Node Type"] === "Seq Scan").map((n) => n["Relation Name"]);
      // The portfolios table is tiny; every other table is read by index.
      // So is ModelVersion (a row per trained model): the planner may scan either when the run's other tests
      // have registered a few.
      expect(scanned.filter((r) => r !== "Portfolio" && r !== "ModelVersion")).toEqual([]);
    }
  });
});
