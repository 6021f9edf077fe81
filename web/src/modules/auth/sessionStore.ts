import type { Session, SessionState, SignOutNotice } from "./session.types";

// sessionStorage rather than localStorage: a token should not outlive the tab on a shared collections desk.
const STORAGE_KEY = "creditpath.session";

// setTimeout stores its delay as a signed 32-bit integer; longer delays fire immediately.
const MAX_TIMER_MS = 2_147_483_647;

type Listener = () => void;

const listeners = new Set<Listener>();
let state: SessionState = { session: readStoredSession(), notice: null };
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Session>;
  return (
    typeof candidate.token === "string" &&
    typeof candidate.expiresAt === "number" &&
    (candidate.refreshToken === null || typeof candidate.refreshToken === "string") &&
    typeof candidate.user === "object" &&
    candidate.user !== null &&
    typeof candidate.user.displayName === "string" &&
    typeof candidate.user.role === "string"
  );
}

function isExpired(session: Session, now = Date.now()): boolean {
  return session.expiresAt <= now;
}

function readStoredSession(): Session | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isSession(parsed) || isExpired(parsed)) {
      window.sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return parsed;
  } catch {
    // Corrupt JSON or storage disabled by browser policy: treat as signed out rather than crash the app.
    return null;
  }
}

function writeStoredSession(session: Session | null): void {
  try {
    if (session === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // The in-memory state still works for this page load when storage is unavailable.
  }
}

function scheduleExpiry(session: Session | null): void {
  clearTimeout(expiryTimer);
  expiryTimer = undefined;
  if (session === null) return;
  // An expired token counts as signed out even if no request has been rejected yet.
  const delay = Math.min(Math.max(session.expiresAt - Date.now(), 0), MAX_TIMER_MS);
  expiryTimer = setTimeout(() => {
    if (state.session === session) {
      if (isExpired(session)) endSession("expired");
      else scheduleExpiry(session);
    }
  }, delay);
}

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function getSessionState(): SessionState {
  return state;
}

/** The current session, or null when signed out or the token has expired. */
export function getActiveSession(): Session | null {
  const { session } = state;
  return session !== null && !isExpired(session) ? session : null;
}

export function startSession(session: Session): void {
  writeStoredSession(session);
  scheduleExpiry(session);
  setState({ session, notice: null });
}

export function endSession(notice: SignOutNotice | null = null): void {
  if (state.session === null && state.notice === notice) return;
  writeStoredSession(null);
  scheduleExpiry(null);
  setState({ session: null, notice });
}

export function subscribeToSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

scheduleExpiry(state.session);
