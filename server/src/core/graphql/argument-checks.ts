import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  GraphQLError,
  GraphQLID,
  type GraphQLInputType,
  type GraphQLSchema,
  GraphQLString,
  getArgumentValues,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { ErrorCode } from "../errors/app-error.js";
import { isEntityId } from "../validation/domain-values.js";
import type { CostedOperation } from "./query-cost.js";

/** Where a value sits, for the message: "loan.id", "logContact.input.loanId", "reassignTasks.input.taskIds.2". */
type Path = readonly (string | number)[];

/** "loanId" -> "a loan id", "id" -> "an id": how an argument's id is named in its refusal. */
function idPhrase(argument: string): string {
  const words = argument
    .replace(/Ids?$/, "")
    .replace(/([A-Z])/g, " $1")
    .toLowerCase()
    .trim();
  return words && words !== "id" ? `a ${words} id` : "an id";
}

function problemsOf(type: GraphQLInputType, value: unknown, path: Path, out: string[]): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (Array.isArray(value))
      value.forEach((v, i) => {
        problemsOf(inner.ofType, v, [...path, i], out);
      });
    return;
  }
  const named = getNamedType(inner);
  const argument = path[1];
  // An id given as an argument of its own (input objects check theirs with their other fields, so that
  // one answer names every problem of the input).
  if (
    named === GraphQLID &&
    path.length === 2 &&
    typeof argument === "string" &&
    !isEntityId(String(value))
  ) {
    const given = JSON.stringify(String(value).slice(0, 60));
    out.push(`${argument}: ${argument} must be ${idPhrase(argument)} (UUID), not ${given}`);
  } else if ((named === GraphQLString || named === GraphQLID) && String(value).includes("\0")) {
    // PostgreSQL cannot store a NUL character in text: refused here, not by the database mid-write.
    out.push(`${path.slice(1).join(".")}: must not contain NUL characters (\\u0000)`);
  } else if (isInputObjectType(named) && typeof value === "object") {
    const fields = named.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) problemsOf(field.type, v, [...path, name], out);
    }
  }
}

/**
 * Every id argument (type ID) is a UUID and no text, wherever it sits in an input, holds a NUL character,
 * checked once for the whole schema before any resolver runs: a malformed id never reaches PostgreSQL (where
 * `arrangements(loanId: "")` used to fail as an internal error), whichever operation carries it.
 */
export function argumentError(op: CostedOperation): GraphQLError | undefined {
  const typeInfo = new TypeInfo(op.schema);
  const problems: string[] = [];
  visit(
    op.document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        if (!def || !node.arguments?.length) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(def, node, op.variables ?? {});
        } catch {
          return; // values that do not fit their types: GraphQL itself refuses them with a precise message
        }
        for (const arg of def.args)
          problemsOf(arg.type, values[arg.name], [node.alias?.value ?? node.name.value, arg.name], problems);
      },
    }),
  );
  if (problems.length === 0) return undefined;
  return new GraphQLError(`Invalid input: ${problems.join("; ")}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, problems, http: { status: 400 } },
  });
}

/** Refuses malformed ids and NUL characters with 400 once the operation is parsed: before any resolver runs. */
export function argumentChecksPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const err = argumentError({
            schema,
            document: document as DocumentNode,
            variables: request.variables,
          });
          if (err) throw err;
        },
      };
    },
  };
}
