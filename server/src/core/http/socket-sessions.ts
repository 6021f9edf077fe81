import type { CurrentUserSource } from "../auth/authenticate.js";
import type { UserPrincipal } from "../auth/principal.js";
import { AppError, ErrorCode } from "../errors/app-error.js";

/** The close codes a client sees: 4401 to refresh its sign-in and reconnect, 4403 to stop trying. */
export const SOCKET_CLOSE = {
  tokenExpired: { code: 4401, reason: "Token expired: refresh the sign-in and reconnect" },
  invalidToken: { code: 4401, reason: "Invalid token: sign in again" },
  otherUser: { code: 4403, reason: "That token belongs to another user" },
  deactivated: { code: 4403, reason: "This account is deactivated" },
} as const;

/** How often live sockets are checked against the database (deactivation, role or team changes). */
const SWEEP_MS = 5_000;

interface Closable {
  close(code: number, reason: string): void;
}

interface LiveSocket {
  principal: UserPrincipal;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/**
 * Every open GraphQL WebSocket and whose token it runs on. A socket ends when its token expires unless the
 * client sent a refreshed token first (in a `ping` payload), and when its user is deactivated: otherwise a
 * subscription would keep delivering borrowers' names to someone who may no longer see them.
 */
export class SocketSessions {
  private readonly live = new Map<Closable, LiveSocket>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly users: CurrentUserSource) {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Records the socket's session (a first sign-in or a refresh) and when it must end. */
  arm(socket: Closable, principal: UserPrincipal, expiresAt: number): void {
    const known = this.live.get(socket);
    if (known) clearTimeout(known.timer);
    const timer = setTimeout(
      () => this.close(socket, SOCKET_CLOSE.tokenExpired),
      Math.max(0, expiresAt - Date.now()),
    );
    timer.unref();
    this.live.set(socket, { principal, expiresAt, timer });
  }

  principalOf(socket: Closable): UserPrincipal | undefined {
    return this.live.get(socket)?.principal;
  }

  forget(socket: Closable): void {
    const known = this.live.get(socket);
    if (known) clearTimeout(known.timer);
    this.live.delete(socket);
  }

  close(socket: Closable, why: { code: number; reason: string }): void {
    this.forget(socket);
    socket.close(why.code, why.reason);
  }

  /** Each user's access as the database has it now; a changed role or team applies to the socket too. */
  private async sweep(): Promise<void> {
    for (const [socket, session] of [...this.live]) {
      try {
        const now = await this.users.current(session.principal);
        if (this.live.has(socket)) this.live.set(socket, { ...session, principal: now });
      } catch (err) {
        // Only a refusal ends the socket: a database that does not answer for a moment is no reason.
        if (err instanceof AppError && err.code === ErrorCode.UNAUTHENTICATED)
          this.close(socket, SOCKET_CLOSE.deactivated);
      }
    }
  }

  dispose(): void {
    clearInterval(this.sweeper);
    for (const socket of [...this.live.keys()]) this.forget(socket);
  }
}
