import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSchema, type GraphQLSchema, getNamedType, isObjectType } from "graphql";
import { repoRoot } from "../../../../server/src/core/config/repo-paths.js";
import { selectEverythingOnce } from "./select-all.js";

export function committedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(path.join(repoRoot, "server", "schema.graphql"), "utf8"));
}

/** The named type one step down a field path from `typeName` (e.g. Query.myWorklist.edges.node). */
function typeAt(schema: GraphQLSchema, typeName: string, fields: string[]): string {
  let current = schema.getType(typeName);
  for (const f of fields) {
    if (!isObjectType(current)) throw new Error(`${typeName}: ${f} is not below an object type`);
    const field = current.getFields()[f];
    if (!field) throw new Error(`the schema has no field ${current.name}.${f}`);
    current = getNamedType(field.type);
  }
  if (!current) throw new Error(`no type at ${typeName}.${fields.join(".")}`);
  return current.name;
}

/**
 * A page of the worklist with every field of each item, three levels down (the task, the loan and its
 * portfolio, the score and its reasons, ...), each of the item's entities once: the loan is not asked for
 * again under the task and the promise, nor the borrower under the loan (`selectEverythingOnce`).
 */
export function worklistQuery(schema: GraphQLSchema, pageSize: number): string {
  const item = typeAt(schema, "Query", ["myWorklist", "edges", "node"]);
  return `query Worklist($after: String) {
    myWorklist(first: ${pageSize}, after: $after) {
      totalCount pageInfo { endCursor hasNextPage }
      edges { cursor node ${selectEverythingOnce(schema, item, 3)} }
    }
  }`;
}

export const ASSIGN_TASK = `mutation Assign($input: AssignTaskInput!) { assignTask(input: $input) { id } }`;

export const TASK_UPDATED = "subscription { taskUpdated { id } }";

export const LOG_CONTACT = `mutation Log($input: LogContactInput!) { logContact(input: $input) { contact { id } } }`;

export const LOG_PROMISE = `mutation Promise($input: LogPromiseInput!) { logPromiseToPay(input: $input) { id } }`;

const DAY_MS = 86_400_000;

/** The benchmarks' logged contact: an inbound call a minute ago, a new idempotency key each time. */
export const inboundCall = (loanId: string) => ({
  input: {
    loanId,
    channel: "CALL",
    direction: "INBOUND",
    outcome: "CONNECTED",
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    durationSeconds: 45,
    idempotencyKey: randomUUID(),
  },
});

/** The benchmarks' promise to pay: 10.00 in a week. */
export const weekPromise = (loanId: string) => ({
  input: {
    loanId,
    amount: "10.00",
    promisedDate: new Date(Date.now() + 7 * DAY_MS).toISOString().slice(0, 10),
    idempotencyKey: randomUUID(),
  },
});
