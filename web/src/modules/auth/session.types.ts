export type UserRole = "AGENT" | "SUPERVISOR" | "MANAGER" | "ADMIN";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
}

export interface Session {
  token: string;
  /** Milliseconds since the epoch, normalised from whatever the API sent. */
  expiresAt: number;
  /** Exchanged for a new token before this one expires (rotated at each use); null if the server sent none. */
  refreshToken: string | null;
  user: SessionUser;
}

/** Why the session ended, so the sign-in page can say so and the guard knows whether to remember the page. */
export type SignOutNotice = "expired" | "signedOut";

export interface SessionState {
  session: Session | null;
  notice: SignOutNotice | null;
}
