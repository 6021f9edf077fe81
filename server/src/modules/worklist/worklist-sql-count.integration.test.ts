import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { createLoaders } from "../../app/graphql-context.js";
import { WorklistRepository } from "./worklist.repository.js";
import { seedWorklist } from "./worklist.test-kit.js";
import { toWorklistRelated } from "./worklist-related.js";

// Every item field, nested relations included.
const EVERYTHING = `query Everything($first: Int!) { myWorklist(first: $first) {
  totalCount pageInfo { hasNextPage endCursor } nodes { task { id } }
  edges { cursor node {
    task { id actionType status priority dueAt assigneeId outcome note cancelReason startedAt completedAt cancelledAt
      loan { id externalKey } }
    loan { id externalKey productType status principal creditLimit interestRate termMonths outstandingBalance currency
      grade purpose openedOn currentDpd bucket borrower { id fullName } portfolio { id name kind asOfDate } }
    borrower { id externalKey fullName email phone timeZone segment employmentStatus annualIncome contactRestrictions
      contactPreferences { doNotContact disputed optOutChannels preferredChannel preferredHours { start end } timeZone } }
    latestScore { probability tier bucket daysPastDue asOfDate modelVersion scoredAt
      reasons { feature direction effect value sentence } }
    recommendation { actionType channel priority dueAt rationale policyVersion updatedAt }
    propensityToPay { probability overdueAmount expectedRecovery asOfDate modelVersion reasons { direction sentence } }
    amountOverdue
    recentContacts { id loanId channel direction outcome startedAt endedAt durationSeconds agentId notes }
    openPromise { id loanId amount promisedDate status communicationId loggedById createdAt resolvedAt keptProbability }
    contactChannel
    contactNow { allowed rule rules reason nextAllowedAt permanent borrowerTimeZone }
  } }
} }`;

type Node = Record<string, unknown>;

/**
 * The SQL statements this process sends while `work` runs, caught where every one of them passes: node-postgres'
 * Client#query, under both the Prisma driver adapter's pool and the server's own pool.
 */
async function statementsDuring(work: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  // biome-ignore lint/suspicious/noExplicitAny: node-postgres' query has a dozen overloads
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    const first = args[0];
    seen.push(typeof first === "string" ? first : (first?.text ?? String(first)));
    // biome-ignore lint/suspicious/noExplicitAny: forwarded as received
    return (original as any).apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

describe("myWorklist's SQL statements do not grow with the page", () => {
  let app: TestApp;
  let w: World;
  let token: string;
  let modelId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.services.db;
    w = await createWorld(db);
    token = await login(app, w.agentA.email, PASSWORD);
    modelId = (
      await db.modelVersion.create({ data: { version: `wlc-${w.tag}`, algorithm: "test", card: {} } })
    ).id;
    // The world's own tasks have no score or promise: out of the way, so that every item has every field.
    await db.task.updateMany({ where: { assigneeId: w.agentA.id }, data: { status: "DONE" } });
    const seeded = await seedWorklist(db, {
      portfolioId: w.portfolio.id,
      assigneeId: w.agentA.id,
      teamId: w.teamA.id,
      modelVersionId: modelId,
      count: 140,
      tag: w.tag,
      dueBase: new Date("2026-11-20T09:00:00Z"),
    });
    expect(seeded.filter((s) => s.status === "OPEN").length).toBeGreaterThanOrEqual(100);
  });

  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.services.db.modelVersion.delete({ where: { id: modelId } });
    await app.close();
  });

  const run = async (first: number) => {
    // The active policy is cached for a few seconds per process: read it now, so that both runs find it cached.
    await app.services.policies.active();
    let nodes: Node[] = [];
    const statements = await statementsDuring(async () => {
      const res = await gql(app, EVERYTHING, { first }, token);
      expect(res.body.errors).toBeUndefined();
      const data = res.body.data as { myWorklist: { edges: { node: Node }[] } };
      nodes = data.myWorklist.edges.map((e) => e.node);
    });
    return { nodes, statements };
  };

  it("sends the same statements for a page of 10 and a page of 100, every item field selected", async () => {
    await run(10); // connections opened, caches warm
    const small = await run(10);
    const large = await run(100);
    expect(small.nodes).toHaveLength(10);
    expect(large.nodes).toHaveLength(100);
    // Every loader had something to load: no field was answered without its query.
    for (const node of large.nodes) {
      for (const field of ["latestScore", "recommendation", "openPromise", "contactNow"]) {
        expect(node[field], field).not.toBeNull();
      }
      expect(node.recentContacts).toHaveLength(3);
    }
    // The same statements, but for how many ids their IN lists hold (batches run side by side, so in any
    // order).
    const shape = (sql: string) => sql.replace(/\$\d+(,\$\d+)*/g, "$n");
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.map(shape).sort()).toEqual(small.statements.map(shape).sort());
    // The page (its count, tasks, loans, borrowers with their contact preferences, portfolios, scores,
    // recommendations, arrears and promises) and the borrowers' contacts.
    expect(small.statements.length, small.statements.map(shape).join("\n")).toBe(2);
  });

  it("shows on each item what the loaders read for the same loan when asked on their own", async () => {
    const { rows } = await new WorklistRepository(app.services.pool).page({
      assigneeId: w.agentA.id,
      statuses: ["OPEN", "IN_PROGRESS"],
      limit: 100,
    });
    expect(rows.length).toBe(100);
    const loaders = createLoaders(app.services);
    const related = rows.map(toWorklistRelated);
    const fromLoaders = await Promise.all(
      related.map(async (r) => ({
        loan: await loaders.loanById.load(r.loan.id),
        borrower: await loaders.borrowerById.load(r.borrower.id),
        contactPreferences: await loaders.contactPreferencesByBorrowerId.load(r.borrower.id),
        portfolio: await loaders.portfolioById.load(r.portfolio.id),
        latestScore: await loaders.latestScoreByLoanId.load(r.loan.id),
        recommendation: await loaders.activeRecommendationByLoanId.load(r.loan.id),
        openPromise: await loaders.openPromiseByLoanId.load(r.loan.id),
        propensity: await loaders.propensityByLoanId.load(r.loan.id),
        amountOverdue: await loaders.amountOverdueByLoanId.load(r.loan.id),
      })),
    );
    expect(related).toEqual(fromLoaders);
    // The seeded items have every part, so each mapping was compared.
    expect(related.every((r) => r.latestScore && r.recommendation && r.openPromise)).toBe(true);
    // Half the seeded loans have a propensity to pay (they come first within a priority): both kinds compared.
    expect(related.some((r) => r.propensity)).toBe(true);
    expect(related.some((r) => !r.propensity)).toBe(true);
  });
});
