import { createApolloClient } from "../core/apollo/createApolloClient";
import { createLiveSocket } from "../core/apollo/liveSocket";
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
  // The server stopped accepting the token (expired, revoked, secret rotated): same as a timed-out session.
  onUnauthenticated: () => endSession("expired"),
  subscriptionLink: liveSocket.link,
});

let signedIn = identity();

function identity(): { userId: string; token: string } | null {
  const session = getSessionState().session;
  return session ? { userId: session.user.id, token: session.token } : null;
}

subscribeToSession(() => {
  const next = identity();
  const previous = signedIn;
  signedIn = next;
  if (previous?.token === next?.token) return;
  if (previous !== null && next !== null && previous.userId === next.userId) {
    // A refreshed token for the same person: their cache stays, the socket carries on under the new token.
    liveSocket.refreshToken(next.token);
    return;
  }
  // Signed out, or someone else signed in: nothing of the previous user's may reach the next one, neither
  // live events nor cached loans.
  liveSocket.close();
  // Deferred so the store is not reset from inside the link chain that reported the 401.
  if (previous !== null) queueMicrotask(() => void apolloClient.clearStore().catch(() => undefined));
});
