import { ApolloLink } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { type Client, createClient, MessageType, stringifyMessage } from "graphql-ws";

/** idle: no socket (nothing subscribed, or signed out); the rest as their names say. */
export type LiveStatus = "idle" | "connecting" | "live" | "reconnecting";

export interface LiveSocket {
  /** The terminating link for subscriptions. */
  link: ApolloLink;
  status(): LiveStatus;
  subscribeToStatus(listener: () => void): () => void;
  /** Called when a dropped connection is back: events sent meanwhile were missed, so re-read what matters. */
  onReconnected(listener: () => void): () => void;
  /** The same user's refreshed token: the open socket carries on under it (the server re-arms on a ping). */
  refreshToken(token: string): void;
  /** Sign-out or another user: closes the socket; the next subscription opens a new one with the new token. */
  close(): void;
}

export interface LiveSocketOptions {
  /** ws:// or wss:// URL of the GraphQL endpoint. */
  url: string;
  /** Read when a connection opens, so a reconnect uses the latest token. */
  getToken: () => string | null;
}

// The server is told the token in connection_init and, after a refresh, in a ping's payload.
const authorization = (token: string) => ({ authorization: `Bearer ${token}` });

const KEEP_ALIVE_MS = 20_000;
// A ping unanswered this long means a dead connection (a sleeping laptop, a proxy that dropped it).
const PONG_TIMEOUT_MS = 5_000;
const MAX_RETRY_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The portal's one graphql-ws connection, opened when the first subscription starts. */
export function createLiveSocket({ url, getToken }: LiveSocketOptions): LiveSocket {
  let client: Client | null = null;
  let link: GraphQLWsLink | null = null;
  let socket: WebSocket | null = null;
  let tokenOnSocket: string | null = null;
  let status: LiveStatus = "idle";
  const statusListeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();

  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener();
  };

  const sendToken = (token: string) => {
    if (socket === null || socket.readyState !== WebSocket.OPEN) return;
    socket.send(stringifyMessage({ type: MessageType.Ping, payload: authorization(token) }));
    tokenOnSocket = token;
  };

  function current(): GraphQLWsLink {
    if (link !== null) return link;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    // Events of a client already closed (its last close event arrives late) must not touch the new one's state.
    const mine = () => client === created;
    const created = createClient({
      url,
      lazy: true,
      // Navigating between pages that subscribe should not drop and reopen the socket.
      lazyCloseTimeout: 3_000,
      keepAlive: KEEP_ALIVE_MS,
      retryAttempts: Number.POSITIVE_INFINITY,
      // The default gives up on a network error event; an agent's tab must come back after any outage.
      shouldRetry: () => true,
      retryWait: async (retries) => {
        await sleep(Math.min(MAX_RETRY_WAIT_MS, 1_000 * 2 ** retries) + Math.random() * 1_000);
      },
      connectionParams: () => {
        const token = getToken();
        // Fails the subscriptions (no retry) instead of knocking on the server without a token.
        if (token === null) throw new Error("Not signed in");
        tokenOnSocket = token;
        return authorization(token);
      },
      on: {
        connecting: (isRetry) => {
          if (mine()) setStatus(isRetry ? "reconnecting" : "connecting");
        },
        connected: (connectedSocket, _payload, wasRetry) => {
          if (!mine()) return;
          socket = connectedSocket as WebSocket;
          setStatus("live");
          // The token was refreshed while this connection was being made.
          const token = getToken();
          if (token !== null && token !== tokenOnSocket) sendToken(token);
          if (wasRetry) for (const listener of reconnectListeners) listener();
        },
        ping: (received) => {
          if (received || !mine()) return;
          pongTimer = setTimeout(() => created.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          if (!mine()) return;
          socket = null;
          // 1000 is the lazy close once nothing is subscribed; anything else is a drop being retried.
          const normal = typeof event === "object" && event !== null && (event as CloseEvent).code === 1000;
          setStatus(normal ? "idle" : "reconnecting");
        },
      },
    });
    client = created;
    link = new GraphQLWsLink(created);
    return link;
  }

  return {
    link: new ApolloLink((operation) => current().request(operation)),
    status: () => status,
    subscribeToStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onReconnected(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    refreshToken(token) {
      // Without an open socket there is nothing to do: the next connection_init reads the new token.
      if (token !== tokenOnSocket) sendToken(token);
    },
    close() {
      const closing = client;
      client = null;
      link = null;
      socket = null;
      tokenOnSocket = null;
      setStatus("idle");
      // dispose() completes the subscriptions instead of letting them reconnect under the next user. It
      // rejects when the socket was still (re)connecting and failed to: closed either way.
      if (closing) void Promise.resolve(closing.dispose()).catch(() => undefined);
    },
  };
}
