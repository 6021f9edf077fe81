import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
} from "graphql";

/**
 * A selection of every field of `typeName` and of the objects below it, down to `depth` levels, from the
 * committed schema: "every item field" stays true as fields are added. Fields that take arguments (a loan's
 * paginated history lists) are left out: a worklist item does not ask for them.
 */
export function selectEverything(schema: GraphQLSchema, typeName: string, depth: number): string {
  const type = schema.getType(typeName);
  if (!type) throw new Error(`the schema has no type ${typeName}`);
  return selection(type, depth, new Set(), new Set());
}

/**
 * Like selectEverything, but each entity (an object with an `id`) that `typeName` holds directly is selected
 * there only: below it, the same entity again (a worklist item's loan under its task and its promise, its
 * borrower under its loan) is left out, as a client that already has it would. Every datum is still asked
 * for once.
 */
export function selectEverythingOnce(schema: GraphQLSchema, typeName: string, depth: number): string {
  const type = schema.getType(typeName);
  if (!type) throw new Error(`the schema has no type ${typeName}`);
  if (!isObjectType(type) && !isInterfaceType(type)) return "";
  const held = new Set(
    Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
      .map((f) => getNamedType(f.type))
      .filter((t) => (isObjectType(t) || isInterfaceType(t)) && "id" in t.getFields())
      .map((t) => t.name),
  );
  return selection(type, depth, new Set(), held);
}

/** `skip`: entity types left out at this level; `skipBelow`: those left out further down. */
function selection(
  type: GraphQLNamedType,
  depth: number,
  skip: ReadonlySet<string>,
  skipBelow: ReadonlySet<string>,
): string {
  if (!isObjectType(type) && !isInterfaceType(type)) return "";
  const parts = Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    .filter((f) => f.args.length === 0)
    .map((f) => {
      const inner = getNamedType(f.type);
      if (!isObjectType(inner) && !isInterfaceType(inner)) return f.name;
      if (depth <= 1 || skip.has(inner.name)) return null;
      const sub = selection(inner, depth - 1, skipBelow, skipBelow);
      return sub ? `${f.name} ${sub}` : null;
    })
    .filter((s): s is string => s !== null);
  return parts.length > 0 ? `{ ${parts.join(" ")} }` : "";
}
