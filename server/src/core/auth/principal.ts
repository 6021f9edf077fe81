export type Role = "AGENT" | "SUPERVISOR" | "MANAGER" | "ADMIN";

/** Who is calling: a signed-in user (portal, mobile) or an external scorer's API key. */
export type Principal =
  | { kind: "user"; userId: string; role: Role; teamId: string | null }
  | {
      kind: "apiKey";
      apiKeyId: string;
      rateLimitPerMinute: number;
      /** What the key may do; each REST route says which scope it needs (`config.apiKeyScope`). */
      scopes: readonly string[];
    };

export type UserPrincipal = Extract<Principal, { kind: "user" }>;
