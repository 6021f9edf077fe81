import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface Session {
  email: string;
  token: string;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  return { email, token: ((await res.json()) as { token: string }).token };
}

/** One GraphQL call over HTTP; throws with the first error's code and message, so a benchmark counts it. */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  session: Session,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new Error(`${e?.extensions?.code ?? res.status}: ${e?.message}`);
  }
  if (!body.data) throw new Error(`HTTP ${res.status} without data`);
  return body.data;
}

/** A graphql-ws client of one session, resolved once the server acknowledged the connection. */
export function openSocket(baseUrl: string, session: Session): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: `${baseUrl.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${session.token}` },
      lazy: false,
      retryAttempts: 0,
      on: {
        connected: () => resolve(client),
        error: (err) => reject(err instanceof Error ? err : new Error(`socket of ${session.email} failed`)),
      },
    });
  });
}
