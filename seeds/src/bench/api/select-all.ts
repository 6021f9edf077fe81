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
  return selection(type, depth);
}

function selection(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type) && !isInterfaceType(type)) return "";
  const parts = Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    .filter((f) => f.args.length === 0)
    .map((f) => {
      const inner = getNamedType(f.type);
      if (!isObjectType(inner) && !isInterfaceType(inner)) return f.name;
      if (depth <= 1) return null;
      const sub = selection(inner, depth - 1);
      return sub ? `${f.name} ${sub}` : null;
    })
    .filter((s): s is string => s !== null);
  return parts.length > 0 ? `{ ${parts.join(" ")} }` : "";
}
