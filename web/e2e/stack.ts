import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** What scripts/e2e-stack.ts writes once the stack is up. */
export interface E2EStack {
  databaseUrl: string;
  apiUrl: string;
  webUrl: string;
  modelDir: string;
}

const STACK_FILE = fileURLToPath(new URL("../../.data/e2e/stack.json", import.meta.url));

export function e2eStack(): E2EStack {
  try {
    return JSON.parse(readFileSync(STACK_FILE, "utf8")) as E2EStack;
  } catch (err) {
    throw new Error(
      `the e2e stack's file ${STACK_FILE} is unreadable (is the stack running?): ${String(err)}`,
    );
  }
}

/** Runs `fn` with a connection to the stack's database: tests check the screens against their own SQL. */
export async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eStack().databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Signs `email` in over the API (password of the demo users) and returns the bearer token. */
export async function apiToken(email: string, password = "creditpath-demo"): Promise<string> {
  const res = await fetch(`${e2eStack().apiUrl}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A GraphQL operation over the API as the holder of `token`; throws on any GraphQL error. */
export async function graphqlAs<T>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(`${e2eStack().apiUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join("; ")}`);
  if (body.data === undefined) throw new Error(`GraphQL answered HTTP ${res.status} without data`);
  return body.data;
}
