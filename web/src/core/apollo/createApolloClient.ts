import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { from, mergeMap, throwError } from "rxjs";
import { isUnauthenticatedError } from "./errorCodes";

export interface ApolloAuthOptions {
  /** Read per operation so a new sign-in is picked up without rebuilding the client. */
  getToken: () => string | null;
  /** Tries for a new token when the server rejects the current one; resolves whether it got one. */
  refresh: () => Promise<boolean>;
  /** Called once per rejected operation when the server no longer accepts the token and refreshing failed. */
  onUnauthenticated: () => void;
}

// Marks an operation already sent again after a refresh, so a second rejection ends the session, not a loop.
const RETRIED_AFTER_REFRESH = "retriedAfterRefresh";

export function createApolloClient({
  getToken,
  refresh,
  onUnauthenticated,
}: ApolloAuthOptions): ApolloClient {
  const authLink = new SetContextLink((prevContext) => {
    const token = getToken();
    if (token === null) return {};
    return { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } };
  });

  // A token that expired while the tab slept (or was rotated elsewhere) costs one refresh and a resend, not
  // the user's sign-in; only when that fails does the session end.
  const unauthenticatedLink = new ErrorLink(({ error, operation, forward }) => {
    if (!isUnauthenticatedError(error)) return;
    if (operation.getContext()[RETRIED_AFTER_REFRESH] === true) {
      onUnauthenticated();
      return;
    }
    return from(refresh()).pipe(
      mergeMap((ok) => {
        if (!ok) {
          onUnauthenticated();
          return throwError(() => error);
        }
        operation.setContext({ [RETRIED_AFTER_REFRESH]: true });
        return forward(operation);
      }),
    );
  });

  // Same-origin path: the Vite dev/preview proxy (or the production reverse proxy) forwards it to the API.
  const httpLink = new HttpLink({ uri: "/graphql" });

  return new ApolloClient({
    link: unauthenticatedLink.concat(authLink).concat(httpLink),
    cache: new InMemoryCache(),
  });
}
