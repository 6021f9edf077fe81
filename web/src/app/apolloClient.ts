import { createApolloClient } from "../core/apollo/createApolloClient";
import { keepSessionFresh, refreshSession } from "../modules/auth/sessionRefresh";
import {
  endSession,
  getActiveSession,
  getSessionState,
  subscribeToSession,
} from "../modules/auth/sessionStore";

export const apolloClient = createApolloClient({
  getToken: () => getActiveSession()?.token ?? null,
  refresh: refreshSession,
  // The server stopped accepting the token (expired, revoked, secret rotated): same as a timed-out session.
  onUnauthenticated: () => endSession("expired"),
});

keepSessionFresh();

let cachedForUser = getSessionState().session?.user.id ?? null;

// Cached loans belong to the user who fetched them; the next person at this desk must not see them. A
// refreshed token of the same user keeps the cache.
subscribeToSession(() => {
  const user = getSessionState().session?.user.id ?? null;
  if (user === cachedForUser) return;
  const hadData = cachedForUser !== null;
  cachedForUser = user;
  // Deferred so the store is not reset from inside the link chain that reported the 401.
  if (hadData) queueMicrotask(() => void apolloClient.clearStore().catch(() => undefined));
});
