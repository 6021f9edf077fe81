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
  if (named === GraphQLID && !isEntityId(String(value))) {
    out.push(`${path.join(".")}: must be an id (a UUID such as 3f2b8c1e-0d4a-4e7b-9c55-2a1f6e8d9b70)`);
  } else if ((named === GraphQLString || named === GraphQLID) && String(value).includes("\0")) {
    // PostgreSQL cannot store a NUL character in text: refused here, not by the database mid-write.
    out.push(`${path.join(".")}: must not contain NUL characters (\\u0000)`);
  } else if (isInputObjectType(named) && typeof value === "object") {
    const fields = named.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) problemsOf(field.type, v, [...path, name], out);
    }
  }
}

/**
 * Every id argument (type ID, wherever it sits in an input) is a UUID and no text holds a NUL character, checked
 * once for the whole schema before any resolver runs: a malformed id never reaches PostgreSQL (where it used
 * to fail as an internal error), whichever operation carries it.
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
