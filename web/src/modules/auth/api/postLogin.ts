import type { Session, SessionUser } from "../session.types";

interface LoginResponseBody {
  token?: unknown;
  expiresAt?: unknown;
  refreshToken?: unknown;
  user?: unknown;
}

interface ErrorResponseBody {
  error?: { code?: unknown; message?: unknown };
}

/** A failed sign-in whose message is safe and useful to show on the form. */
export class SignInError extends Error {
  override readonly name = "SignInError";
}

export function toEpochMs(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) {
    // Values this small cannot be milliseconds of a future date, so the API sent Unix seconds.
    return value < 1e12 ? value * 1000 : value;
  }
  if (typeof value === "string") {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

function isSessionUser(value: unknown): value is SessionUser {
  if (typeof value !== "object" || value === null) return false;
  const user = value as Record<string, unknown>;
  return (
    typeof user.id === "string" &&
    typeof user.email === "string" &&
    typeof user.displayName === "string" &&
    typeof user.role === "string"
  );
}

function fallbackMessage(status: number): string {
  if (status === 401) return "Invalid email or password.";
  if (status === 400) return "Enter a valid email address and your password.";
  if (status === 429) return "Too many sign-in attempts. Wait a moment and try again.";
  return `Sign-in is unavailable right now (HTTP ${status}). Try again shortly.`;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export async function postLogin(email: string, password: string, signal?: AbortSignal): Promise<Session> {
  let response: Response;
  try {
    response = await fetch("/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ email, password }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new SignInError("Cannot reach the CreditPathAI server. Check your connection and try again.");
  }

  const body = await readJson(response);

  if (!response.ok) {
    const serverMessage = (body as ErrorResponseBody | null)?.error?.message;
    // 5xx bodies may carry internal detail, so only client errors show the server's own wording.
    const useServerMessage =
      response.status < 500 && typeof serverMessage === "string" && serverMessage.trim() !== "";
    throw new SignInError(useServerMessage ? serverMessage : fallbackMessage(response.status));
  }

  const { token, expiresAt, refreshToken, user } = (body ?? {}) as LoginResponseBody;
  const expiresAtMs = toEpochMs(expiresAt);
  if (typeof token !== "string" || token === "" || expiresAtMs === null || !isSessionUser(user)) {
    throw new SignInError("The server sent an unexpected sign-in response. Try again shortly.");
  }
  return {
    token,
    expiresAt: expiresAtMs,
    refreshToken: typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : null,
    user,
  };
}
