import { useSyncExternalStore } from "react";
import { postLogout } from "../api/postSessionRefresh";
import type { Session, SignOutNotice } from "../session.types";
import { endSession, getSessionState, subscribeToSession } from "../sessionStore";

export interface UseSessionResult {
  session: Session | null;
  notice: SignOutNotice | null;
  signOut: () => void;
}

const signOut = (): void => {
  const refreshToken = getSessionState().session?.refreshToken;
  // The server forgets the sign-in too, so a refresh token copied from this tab is worthless afterwards.
  if (refreshToken) void postLogout(refreshToken);
  endSession("signedOut");
};

export function useSession(): UseSessionResult {
  const { session, notice } = useSyncExternalStore(subscribeToSession, getSessionState);
  return { session, notice, signOut };
}
