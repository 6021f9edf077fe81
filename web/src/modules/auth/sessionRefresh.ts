import { postSessionRefresh, RefreshRefusedError } from "./api/postSessionRefresh";
import type { Session } from "./session.types";
import {
  endSession,
  getActiveSession,
  getSessionState,
  startSession,
  subscribeToSession,
} from "./sessionStore";

// Access tokens live half an hour; an agent works all day. Refresh a minute before expiry (clock drift, a
// request in flight), and after a failed attempt (network down) try again until the token runs out.
const REFRESH_LEAD_MS = 60_000;
const RETRY_MS = 15_000;

let inFlight: Promise<boolean> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

async function exchange(session: Session): Promise<boolean> {
  if (session.refreshToken === null) return false;
  try {
    const next = await postSessionRefresh(session.refreshToken);
    // Signed out, or someone else signed in, while the answer travelled: it belongs to nobody now.
    if (getSessionState().session !== session) return getActiveSession() !== null;
    startSession({ ...session, ...next });
    return true;
  } catch (err) {
    if (err instanceof RefreshRefusedError && getSessionState().session === session) endSession("expired");
    return false;
  }
}

/**
 * A new access token for the signed-in user, one exchange at a time: a refresh token is good for one use, so
 * requests rejected together share a single refresh. Resolves whether the session now holds a fresh token.
 */
export function refreshSession(): Promise<boolean> {
  const session = getSessionState().session;
  if (session === null) return Promise.resolve(false);
  inFlight ??= exchange(session).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

function schedule(session: Session | null): void {
  clearTimeout(timer);
  if (session === null || session.refreshToken === null) return;
  const left = session.expiresAt - Date.now();
  const delay = Math.max(left - Math.min(REFRESH_LEAD_MS, left / 2), 0);
  timer = setTimeout(() => {
    void refreshSession().then((ok) => {
      const current = getSessionState().session;
      if (!ok && current === session && getActiveSession() !== null)
        timer = setTimeout(() => schedule(current), RETRY_MS);
    });
  }, delay);
}

/** Keeps the session fresh for as long as the refresh token allows; call once at start-up. */
export function keepSessionFresh(): () => void {
  let last = getSessionState().session;
  schedule(last);
  return subscribeToSession(() => {
    const { session } = getSessionState();
    if (session === last) return;
    last = session;
    schedule(session);
  });
}
