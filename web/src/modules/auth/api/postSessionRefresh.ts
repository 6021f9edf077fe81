import { toEpochMs } from "./postLogin";

export interface RefreshedTokens {
  token: string;
  expiresAt: number;
  refreshToken: string;
}

/** The server refused the refresh token (expired, revoked, used twice): only signing in again helps. */
export class RefreshRefusedError extends Error {
  override readonly name = "RefreshRefusedError";
}

/**
 * A new access token and refresh token for the current refresh token. Network failures and 5xx answers throw
 * a plain Error (worth retrying); a refusal throws RefreshRefusedError.
 */
export async function postSessionRefresh(refreshToken: string): Promise<RefreshedTokens> {
  const response = await fetch("/auth/refresh", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ refreshToken }),
  });
  if (response.status === 400 || response.status === 401 || response.status === 403)
    throw new RefreshRefusedError(`the server refused the session refresh (HTTP ${response.status})`);
  if (!response.ok) throw new Error(`the session refresh failed (HTTP ${response.status})`);
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  const expiresAt = toEpochMs(body?.expiresAt);
  if (typeof body?.token !== "string" || typeof body.refreshToken !== "string" || expiresAt === null)
    throw new Error("the server sent an unexpected refresh response");
  return { token: body.token, expiresAt, refreshToken: body.refreshToken };
}

/** Ends the sign-in on the server too, so its refresh token stops working; best effort. */
export async function postLogout(refreshToken: string): Promise<void> {
  await fetch("/auth/logout", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ refreshToken }),
  }).catch(() => undefined);
}
