import { defaultFieldResolver, type GraphQLSchema } from "graphql";
import type { MiddlewareFn } from "type-graphql";

/**
 * Runs `middleware` around every field of the Mutation type, and nowhere else.
 *
 * TypeGraphQL's global middlewares wrap every field of every type, plain properties included: each of the
 * thousands of fields of a worklist page then resolves through a promise chain, which cost more than the
 * page's SQL. A middleware that only concerns mutations is therefore attached to their resolvers here, once,
 * after the schema is built.
 */
export function applyToMutations<Ctx extends object>(
  schema: GraphQLSchema,
  middleware: MiddlewareFn<Ctx>,
): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, context, info) =>
      middleware({ root, args, context, info }, async () => resolve(root, args, context, info));
  }
  return schema;
}
