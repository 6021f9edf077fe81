import { createApolloClient } from "../core/apollo/createApolloClient";
import { createLiveSocket } from "../core/apollo/liveSocket";
import { keepSessionFresh, refreshSession } from "../modules/auth/sessionRefresh";
import {
  endSession,
  getActiveSession,
  getSessionState,
  subscribeToSession,
} from "../modules/auth/sessionStore";

const getToken = () => getActiveSession()?.token ?? null;

// Same origin as the page: the dev/preview proxy (or the production reverse proxy) forwards it to the API.
const wsUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/graphql`;

/** The portal's one live connection: every subscription of every page shares it. */
export const liveSocket = createLiveSocket({ url: wsUrl, getToken });

export const apolloClient = createApolloClient({
  getToken,
  refresh: refreshSession,
  // The server stopped accepting the token (expired, revoked, secret rotated): same as a timed-out session.
  onUnauthenticated: () => endSession("expired"),
  subscriptionLink: liveSocket.link,
});

keepSessionFresh();

let signedIn = identity();

function identity(): { userId: string; token: string } | null {
  const session = getSessionState().session;
  return session ? { userId: session.user.id, token: session.token } : null;
}

// Cached loans and live events belong to the user who fetched them; the next person at this desk must not
// see them. A refreshed token of the same user keeps both.
subscribeToSession(() => {
  const next = identity();
  const previous = signedIn;
  signedIn = next;
  if (previous?.token === next?.token) return;
  if (previous !== null && next !== null && previous.userId === next.userId) {
    // The socket carries on under the new token (the server re-arms it on a ping carrying the token).
    liveSocket.refreshToken(next.token);
    return;
  }
  liveSocket.close();
  // Deferred so the store is not reset from inside the link chain that reported the 401.
  if (previous !== null) queueMicrotask(() => void apolloClient.clearStore().catch(() => undefined));
});
