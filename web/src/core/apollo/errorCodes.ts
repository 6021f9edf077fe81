import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/** The first `extensions.code` among the GraphQL errors, if the error came from GraphQL at all. */
export function graphQLErrorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  for (const graphQLError of error.errors) {
    const code = graphQLError.extensions?.code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

export function isUnauthenticatedError(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some((graphQLError) => graphQLError.extensions?.code === "UNAUTHENTICATED");
  }
  // A 401 without the GraphQL response media type reaches us as a ServerError, not as GraphQL errors.
  return ServerError.is(error) && error.statusCode === 401;
}
