import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, GraphQLError, type GraphQLSchema } from "graphql";
import { type ComplexityEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { ErrorCode } from "../errors/app-error.js";

// A paginated field costs its page size times what each item selects: 500 aliases of `loans(take: 200)` are
// 100,000 rows, however innocent each alias looks. Fields without a page size cost one plus their children.
const PAGE_SIZE_ARGS = ["first", "take", "last", "limit"] as const;

const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  for (const name of PAGE_SIZE_ARGS) {
    const size = args[name];
    if (typeof size === "number" && size > 0) return 1 + size * Math.max(1, childComplexity);
  }
  return undefined;
};

export interface CostedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string | null;
}

// Costing walks the whole operation: about a millisecond for a worklist page, on every request. Apollo keeps
// one parsed document per query text, so a cost is kept per document and variables (a few per document).
const COSTS_PER_DOCUMENT = 32;
const costs = new WeakMap<DocumentNode, Map<string, number | null>>();

function costOf(op: CostedOperation): number | null {
  const key = `${op.operationName ?? ""}\u0000${JSON.stringify(op.variables ?? {})}`;
  let known = costs.get(op.document);
  const hit = known?.get(key);
  if (hit !== undefined) return hit;
  let cost: number | null;
  try {
    cost = getComplexity({
      schema: op.schema,
      query: op.document,
      variables: op.variables ?? {},
      operationName: op.operationName ?? undefined,
      estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // Variables that do not fit the operation (an unknown enum value, a missing one): the cost cannot be
    // known, and nothing will run either, since GraphQL itself refuses them next with a precise message.
    cost = null;
  }
  if (!known || known.size >= COSTS_PER_DOCUMENT) {
    known = new Map();
    costs.set(op.document, known);
  }
  known.set(key, cost);
  return cost;
}

/** What an operation may cost at most, as a ready GraphQL error when it costs more (undefined otherwise). */
export function costError(op: CostedOperation, maxCost: number): GraphQLError | undefined {
  const cost = costOf(op);
  if (cost === null || cost <= maxCost) return undefined;
  return new GraphQLError(
    `This operation would cost ${cost} (a paginated field counts its page size times what each item selects), ` +
      `above the limit of ${maxCost}: ask for smaller pages, fewer fields or fewer aliases, or split it.`,
    { extensions: { code: ErrorCode.BAD_USER_INPUT, cost, maxCost, http: { status: 400 } } },
  );
}

/** Refuses an over-costly operation with 400 once it is parsed and validated: before any resolver runs. */
export function queryCostPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const err = costError(
            { schema, document, variables: request.variables, operationName: request.operationName },
            maxCost,
          );
          if (err) throw err;
        },
      };
    },
  };
}
