import { randomUUID } from "node:crypto";
import { execute, type GraphQLSchema, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../test/test-app.js";
import type { UserPrincipal } from "../core/auth/principal.js";
import { seedWorklist } from "../modules/worklist/worklist.test-kit.js";
import { createLoaders } from "./graphql-context.js";
import { buildGraphQLSchema } from "./graphql-schema.js";

// The server executes operations compiled by graphql-jit (core/graphql/compiled-executor.ts). Each operation
// below runs both through the server and through graphql-js's own executor, with the same caller and data:
// the answers must be the same, data and errors alike.

const WORKLIST = `
  fragment Money on Loan { outstandingBalance principal currency amountOverdue }
  query Worklist($first: Int!, $withContacts: Boolean!, $withoutScore: Boolean!) {
    myWorklist(first: $first) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node {
        task { id actionType status priority dueAt startedAt loan { id externalKey } }
        loan { id externalKey bucket currentDpd ...Money portfolio { id name kind asOfDate } borrower { id fullName } }
        borrower { id externalKey fullName timeZone contactRestrictions }
        latestScore @skip(if: $withoutScore) { probability tier daysPastDue scoredAt reasons { feature direction effect value sentence } }
        recommendation { actionType channel priority dueAt rationale contactRule { allowed rule rules reason nextAllowedAt } }
        recentContacts @include(if: $withContacts) { id channel direction outcome startedAt durationSeconds notes }
        openPromise { id amount promisedDate status createdAt loan { id } }
        contactChannel
        contactNow { allowed rule rules reason nextAllowedAt permanent borrowerTimeZone }
        alias: amountOverdue
      } }
    }
  }`;

const LOAN_360 = `query Loan($id: ID!) {
  loan(id: $id) {
    id externalKey productType bucket currentDpd outstandingBalance
    borrower { id fullName loans { nodes { id } } }
    instalments(first: 2) { totalCount edges { cursor node { dueDate amountDue } } pageInfo { hasNextPage } }
    payments { totalCount nodes { amount paidAt } }
    contacts(first: 3) { totalCount nodes { id outcome } }
    promises { nodes { id status amount } }
    scoreHistory { nodes { probability tier } }
    recommendations { nodes { actionType status } }
    tasks { nodes { id status actionType } }
    bucketHistory { nodes { bucket } }
  }
}`;

describe("compiled execution answers as graphql-js does", () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  let w: World;
  let token: string;
  let modelId: string;
  let ownLoanId: string;
  let agent: UserPrincipal;

  beforeAll(async () => {
    app = await startTestApp();
    schema = await buildGraphQLSchema(app.services.pubsub);
    const db = app.services.db;
    w = await createWorld(db);
    token = await login(app, w.agentA.email, PASSWORD);
    agent = { kind: "user", userId: w.agentA.id, role: "AGENT", teamId: w.teamA.id };
    modelId = (
      await db.modelVersion.create({ data: { version: `jit-${w.tag}`, algorithm: "test", card: {} } })
    ).id;
    const seeded = await seedWorklist(db, {
      portfolioId: w.portfolio.id,
      assigneeId: w.agentA.id,
      teamId: w.teamA.id,
      modelVersionId: modelId,
      count: 12,
      tag: w.tag,
      dueBase: new Date("2026-11-20T09:00:00Z"),
    });
    ownLoanId = seeded[0]?.loanId as string;
    // The contact rules' verdicts depend on the moment: both executions must see the same policy cache.
    await app.services.policies.active();
  });

  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.services.db.modelVersion.delete({ where: { id: modelId } });
    await app.close();
  });

  /** The operation through graphql-js, as the server's context would run it, errors as {message, path}. */
  const byGraphQLJs = async (query: string, variables: Record<string, unknown>) => {
    const result = await execute({
      schema,
      document: parse(query),
      variableValues: variables,
      contextValue: {
        principal: agent,
        requestId: randomUUID(),
        services: app.services,
        loaders: createLoaders(app.services),
      },
    });
    return {
      data: result.data ?? null,
      errors: result.errors?.map((e) => ({ message: e.message, path: e.path })),
    };
  };

  const byServer = async (query: string, variables: Record<string, unknown>) => {
    const res = await gql(app, query, variables, token);
    const errors = res.body.errors as { message: string; path?: unknown }[] | undefined;
    return {
      data: res.body.data ?? null,
      errors: errors?.map((e) => ({ message: e.message, path: e.path })),
    };
  };

  /** Contact checks answer for "now": the two runs differ only by that instant, so it is left out. */
  const withoutClock = (answer: unknown) =>
    JSON.parse(JSON.stringify(answer), (key, value) => (key === "checkedAt" ? undefined : value));

  it("reads a worklist page with fragments, aliases, directives and variables", async () => {
    for (const variables of [
      { first: 12, withContacts: true, withoutScore: false },
      { first: 5, withContacts: false, withoutScore: true },
    ]) {
      const server = await byServer(WORKLIST, variables);
      expect(server.errors).toBeUndefined();
      const items = (server.data as { myWorklist: { edges: unknown[] } }).myWorklist.edges;
      expect(items).toHaveLength(variables.first);
      expect(withoutClock(server)).toEqual(withoutClock(await byGraphQLJs(WORKLIST, variables)));
    }
  });

  it("reads a loan's 360 view with its paginated lists", async () => {
    const server = await byServer(LOAN_360, { id: ownLoanId });
    expect(server.errors).toBeUndefined();
    expect(server).toEqual(await byGraphQLJs(LOAN_360, { id: ownLoanId }));
  });

  it("answers a refused object with the same error at the same path, and null data", async () => {
    const query = `query Two($mine: ID!, $theirs: ID!) { mine: loan(id: $mine) { id } theirs: loan(id: $theirs) { id } }`;
    const variables = { mine: ownLoanId, theirs: w.loanB.id };
    const server = await byServer(query, variables);
    expect(server.errors?.map((e) => e.path)).toEqual([["theirs"]]);
    expect(server).toEqual(await byGraphQLJs(query, variables));
  });
});
