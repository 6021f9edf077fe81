import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getVariableValues,
  printSchema,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";

type Run = CompiledQuery["query"];

/** How many distinct operations keep their compiled form (clients send a few dozen; the rest recompile). */
const COMPILED_OPERATIONS = 500;

/**
 * Executes operations with graphql-jit: each distinct operation (its text and name) is compiled once into a
 * function that resolves and serialises its selection, which costs a fraction of graphql-js walking the
 * document again for every field of every request (a worklist page has ~10,000 fields). Apollo Server has no
 * executor option since version 4; its gateway interface is the supported way to hand it one, and every
 * other part of Apollo's pipeline (parsing, validation, plugins, error formatting) still runs.
 * An operation graphql-jit cannot compile runs on graphql-js, so no valid request depends on the compiler.
 */
export function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiled = new LRUCache<string, Run>({ max: COMPILED_OPERATIONS });
  return async (request) => {
    const variables = request.request.variables ?? {};
    // graphql-js checks the variables first, so that a bad one gets its precise message and Apollo's 400.
    const coerced = getVariableValues(schema, request.operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors };
    const key = `${request.queryHash}\u0000${request.operationName ?? ""}`;
    let run = compiled.get(key);
    if (!run) {
      run = compile(schema, request.document, request.operationName);
      compiled.set(key, run);
    }
    const result = (await run(undefined, request.context, variables)) as ExecutionResult<
      Record<string, unknown>
    >;
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
}

/**
 * graphql-jit's errors lack graphql-js's empty `extensions` default, which Apollo's error formatting reads; the
 * same error rebuilt by graphql-js keeps the resolver's error (and its codes) as `originalError`.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  // Locations come from the document's nodes in graphql-js; graphql-jit gives them computed.
  return Object.assign(rebuilt, { locations: error.locations });
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Run {
  const result = compileQuery(schema, document, operationName ?? undefined, {
    // Errors carry the resolver's own error (codes, messages); their stacks are never shown to clients.
    disablingCapturingStackErrors: true,
  });
  if (isCompiledQuery(result)) return result.query;
  return (root, context, variables) =>
    execute({
      schema,
      document,
      rootValue: root,
      contextValue: context,
      variableValues: variables,
      operationName,
    });
}

/**
 * The gateway Apollo Server takes in place of a schema: it serves `schema`, never changes it, and executes
 * through `compiledExecutor`.
 */
export function compiledSchemaGateway(schema: GraphQLSchema): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    load: async () => ({ executor: compiledExecutor(schema) }),
    stop: async () => {},
  };
}
