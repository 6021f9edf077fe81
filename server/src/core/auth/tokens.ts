import { randomBytes } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { config } from "../config/config.js";
import { unauthenticated } from "../errors/app-error.js";
import type { Role, UserPrincipal } from "./principal.js";

const ISSUER = "creditpath";
const ROLES: readonly Role[] = ["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"];

let secret: Uint8Array | undefined;

// Without JWT_SECRET (allowed outside production) each server start makes its own secret: tokens then
// do not survive a restart, which is acceptable for a demo and safer than a well-known default.
function signingKey(): Uint8Array {
  secret ??= config().jwt.secret ? new TextEncoder().encode(config().jwt.secret) : randomBytes(32);
  return secret;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** A signed access token; `ttlSeconds` defaults to JWT_TTL_SECONDS (tests shorten it to watch expiry). */
export async function issueToken(
  user: { id: string; role: Role; teamId: string | null },
  ttlSeconds = config().jwt.ttlSeconds,
): Promise<IssuedToken> {
  const ttl = ttlSeconds;
  const expiresAt = new Date(Date.now() + ttl * 1000);
  const token = await new SignJWT({ role: user.role, team: user.teamId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(signingKey());
  return { token, expiresAt };
}

export async function verifyToken(token: string): Promise<UserPrincipal> {
  return (await verifyTokenWithExpiry(token)).principal;
}

/** The token's user and when the token stops being valid (epoch ms): a live socket must end then. */
export async function verifyTokenWithExpiry(
  token: string,
): Promise<{ principal: UserPrincipal; expiresAt: number }> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), { issuer: ISSUER, algorithms: ["HS256"] });
    const role = payload.role as Role;
    if (!payload.sub || !ROLES.includes(role) || !payload.exp)
      throw unauthenticated("Token is missing its subject, role or expiry");
    return {
      principal: { kind: "user", userId: payload.sub, role, teamId: (payload.team as string | null) ?? null },
      expiresAt: payload.exp * 1000,
    };
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw unauthenticated("Your session has expired: sign in again");
    throw unauthenticated("Invalid token: sign in again");
  }
}
