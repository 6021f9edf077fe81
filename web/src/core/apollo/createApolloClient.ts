import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { isUnauthenticatedError } from "./errorCodes";

export interface ApolloAuthOptions {
  /** Read per operation so a new sign-in is picked up without rebuilding the client. */
  getToken: () => string | null;
  /** Called once per rejected operation when the server no longer accepts the token. */
  onUnauthenticated: () => void;
}

export function createApolloClient({ getToken, onUnauthenticated }: ApolloAuthOptions): ApolloClient {
  const authLink = new SetContextLink((prevContext) => {
    const token = getToken();
    if (token === null) return {};
    return { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } };
  });

  const unauthenticatedLink = new ErrorLink(({ error }) => {
    if (isUnauthenticatedError(error)) onUnauthenticated();
  });

  // Same-origin path: the Vite dev/preview proxy (or the production reverse proxy) forwards it to the API.
  const httpLink = new HttpLink({ uri: "/graphql" });

  return new ApolloClient({
    link: unauthenticatedLink.concat(authLink).concat(httpLink),
    cache: new InMemoryCache(),
  });
}
