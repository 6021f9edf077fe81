import { useSyncExternalStore } from "react";
import type { Session, SignOutNotice } from "../session.types";
import { endSession, getSessionState, subscribeToSession } from "../sessionStore";

export interface UseSessionResult {
  session: Session | null;
  notice: SignOutNotice | null;
  signOut: () => void;
}

const signOut = (): void => endSession("signedOut");

export function useSession(): UseSessionResult {
  const { session, notice } = useSyncExternalStore(subscribeToSession, getSessionState);
  return { session, notice, signOut };
}
