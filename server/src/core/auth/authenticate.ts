import { unauthenticated } from "../errors/app-error.js";
import type { Principal, UserPrincipal } from "./principal.js";
import { verifyTokenWithExpiry } from "./tokens.js";

/** Checks an external scorer's key (the api-keys module implements it). */
export interface ApiKeyVerifier {
  verify(key: string): Promise<Principal>;
}

/** The signed-in user as the database has them now: active, role and team (the auth module implements it). */
export interface CurrentUserSource {
  current(fromToken: UserPrincipal): Promise<UserPrincipal>;
}

type HeaderValue = string | string[] | undefined;

function single(v: HeaderValue): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A signed-in user from `Authorization: Bearer <token>`, as the database has them now. */
export async function authenticateUser(
  authorization: HeaderValue,
  access: CurrentUserSource,
): Promise<UserPrincipal> {
  return (await authenticateSession(authorization, access)).principal;
}

/** The same, with the instant (epoch ms) the token expires: a WebSocket lives no longer than its token. */
export async function authenticateSession(
  authorization: HeaderValue,
  access: CurrentUserSource,
): Promise<{ principal: UserPrincipal; expiresAt: number }> {
  const header = single(authorization);
  if (!header)
    throw unauthenticated(
      "Missing Authorization header: send `Authorization: Bearer <token>` from /auth/login",
    );
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated("Authorization header must be `Bearer <token>`");
  const verified = await verifyTokenWithExpiry(match[1]);
  return { principal: await access.current(verified.principal), expiresAt: verified.expiresAt };
}

/** A user token, or an external scorer's key from `X-API-Key` / `Authorization: ApiKey <key>`. */
export async function authenticateRequest(
  headers: Record<string, HeaderValue>,
  apiKeys: ApiKeyVerifier,
  access: CurrentUserSource,
): Promise<Principal> {
  const apiKey =
    single(headers["x-api-key"]) ?? /^ApiKey\s+(\S+)$/i.exec(single(headers.authorization) ?? "")?.[1];
  if (apiKey) return apiKeys.verify(apiKey);
  return authenticateUser(headers.authorization, access);
}
