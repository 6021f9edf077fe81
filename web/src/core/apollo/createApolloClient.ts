import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { OperationTypeNode } from "graphql";
import { isUnauthenticatedError } from "./errorCodes";

export interface ApolloAuthOptions {
  /** Read per operation so a new sign-in is picked up without rebuilding the client. */
  getToken: () => string | null;
  /** Called once per rejected operation when the server no longer accepts the token. */
  onUnauthenticated: () => void;
  /** Where subscriptions go (the portal's one WebSocket); without it, only queries and mutations work. */
  subscriptionLink?: ApolloLink;
}

export function createApolloClient({
  getToken,
  onUnauthenticated,
  subscriptionLink,
}: ApolloAuthOptions): ApolloClient {
  const authLink = new SetContextLink((prevContext) => {
    const token = getToken();
    if (token === null) return {};
    return { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } };
  });

  const unauthenticatedLink = new ErrorLink(({ error }) => {
    if (isUnauthenticatedError(error)) onUnauthenticated();
  });

  // Same-origin path: the Vite dev/preview proxy (or the production reverse proxy) forwards it to the API.
  const httpLink = authLink.concat(new HttpLink({ uri: "/graphql" }));

  // The WebSocket authenticates once, in its connection_init, so subscriptions skip the header link.
  const transport = subscriptionLink
    ? ApolloLink.split(
        (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
        subscriptionLink,
        httpLink,
      )
    : httpLink;

  return new ApolloClient({
    link: unauthenticatedLink.concat(transport),
    cache: new InMemoryCache(),
  });
}
