import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError, OperationDefinitionNode } from "graphql";
import { maskedCause } from "../errors/error-mapping.js";
import type { Logger } from "../logging/logger.js";
import type { GraphQLOperationLabels, Metrics } from "../metrics/metrics.js";

/**
 * The metrics label of an operation: the one root field it calls (a name the schema defines), "multiple" for
 * several, "introspection" for the schema's own fields. Never the client's operation name: a client chooses
 * it freely, and every new name would be a new series kept in memory for the process's life.
 */
function operationLabel(operation: OperationDefinitionNode): string {
  const fields = operation.selectionSet.selections.flatMap((s) =>
    s.kind === "Field" && s.name.value !== "__typename" ? [s.name.value] : s.kind === "Field" ? [] : ["*"],
  );
  const [only] = fields;
  if (fields.length !== 1 || only === undefined || only === "*") return "multiple";
  return only.startsWith("__") ? "introspection" : only;
}

/**
 * What every GraphQL request over HTTP gets: its latency and outcome counted per root field, its request id
 * in each error's extensions (the id of its log lines and of the x-request-id header), and the errors that
 * get masked logged with that id.
 */
export function graphQLRequestPlugin<Ctx extends { requestId: string }>(
  metrics: Metrics,
  log: Logger,
): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      const started = performance.now();
      // Until the operation is resolved (a syntax or validation error), it is "invalid".
      const labels: Omit<GraphQLOperationLabels, "outcome"> = { operation: "invalid", type: "unknown" };
      return {
        async didResolveOperation({ operation }) {
          if (!operation) return;
          labels.operation = operationLabel(operation);
          labels.type = operation.operation;
        },
        async didEncounterErrors({ errors, contextValue }) {
          const reqLog = log.child({ reqId: contextValue.requestId });
          for (const error of errors) {
            const cause = maskedCause(error, error.extensions?.code);
            if (cause !== undefined)
              reqLog.error({ err: cause, path: error.path }, "unhandled GraphQL error");
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const errors: readonly GraphQLFormattedError[] | undefined = result.errors;
          const outcome = errors?.length ? "error" : "ok";
          metrics.observeGraphQL({ ...labels, outcome }, (performance.now() - started) / 1000);
          if (errors?.length)
            result.errors = errors.map((e) => ({
              ...e,
              extensions: { ...e.extensions, requestId: contextValue.requestId },
            }));
        },
      };
    },
  };
}
