import { createApolloClient } from "../core/apollo/createApolloClient";
import {
  endSession,
  getActiveSession,
  getSessionState,
  subscribeToSession,
} from "../modules/auth/sessionStore";

export const apolloClient = createApolloClient({
  getToken: () => getActiveSession()?.token ?? null,
  // The server stopped accepting the token (expired, revoked, secret rotated): same as a timed-out session.
  onUnauthenticated: () => endSession("expired"),
});

let cachedForToken = getSessionState().session?.token ?? null;

// Cached loans belong to the user who fetched them; the next person at this desk must not see them.
subscribeToSession(() => {
  const token = getSessionState().session?.token ?? null;
  if (token === cachedForToken) return;
  const hadData = cachedForToken !== null;
  cachedForToken = token;
  // Deferred so the store is not reset from inside the link chain that reported the 401.
  if (hadData) queueMicrotask(() => void apolloClient.clearStore().catch(() => undefined));
});
