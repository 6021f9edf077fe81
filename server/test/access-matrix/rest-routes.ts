import { API_KEY_SCOPES, type ApiKeyScope } from "../../src/modules/api-keys/api-key.scopes.js";
import { PASSWORD } from "../fixtures.js";
import type { Access } from "./expectations.js";
import type { MatrixWorld, Target } from "./matrix-world.js";

export interface RestRequest {
  method: "GET" | "POST";
  url: string;
  body?: unknown;
}

export type RestEntry =
  | {
      /** Open to anyone: tried without credentials, and the answer must be `status`. */
      public: true;
      status: number;
      request(w: MatrixWorld): Promise<RestRequest>;
    }
  | {
      public: false;
      /** The scope an API key needs; "any" for every key; null: closed to API keys (people only). */
      keyScope: ApiKeyScope | "any" | null;
      /** Who of the signed-in users may call it, on whose object. */
      userAccess: Access;
      /** The answer when allowed. */
      status: number;
      request(w: MatrixWorld, target: Target): Promise<RestRequest>;
    };

const history = {
  asOfDate: "2025-03-15",
  loan: { productType: "INSTALMENT", principal: "300", termMonths: 3, openedAt: "2024-12-01" },
  borrower: { ageYears: 30 },
  schedule: [1, 2, 3].map((m) => ({ sequence: m, dueDate: `2025-0${m}-01`, amountDue: "100" })),
  payments: [{ key: "p1", amount: "100", paidAt: "2025-01-03T10:00:00Z" }],
};

/**
 * Every documented REST route (method and OpenAPI path) with who may call it. The matrix test fails for a
 * route of the OpenAPI document without an entry here.
 */
export const REST_ROUTES: Record<string, RestEntry> = {
  "GET /health": { public: true, status: 200, request: async () => ({ method: "GET", url: "/health" }) },
  "GET /health/live": {
    public: true,
    status: 200,
    request: async () => ({ method: "GET", url: "/health/live" }),
  },
  "GET /health/details": {
    public: false,
    keyScope: null,
    userAccess: "admin",
    status: 200,
    request: async () => ({ method: "GET", url: "/health/details" }),
  },
  "POST /auth/login": {
    public: true,
    status: 200,
    request: async (w) => ({
      method: "POST",
      url: "/auth/login",
      body: { email: (await w.freshCaller("AGENT")).user.email, password: PASSWORD },
    }),
  },
  "POST /auth/refresh": {
    public: true,
    status: 200,
    request: async (w) => ({
      method: "POST",
      url: "/auth/refresh",
      body: { refreshToken: await w.refreshToken() },
    }),
  },
  "POST /auth/logout": {
    public: true,
    status: 204,
    request: async (w) => ({
      method: "POST",
      url: "/auth/logout",
      body: { refreshToken: await w.refreshToken() },
    }),
  },
  "GET /auth/whoami": {
    public: false,
    keyScope: "any",
    userAccess: "signedIn",
    status: 200,
    request: async () => ({ method: "GET", url: "/auth/whoami" }),
  },
  "GET /features": {
    public: false,
    keyScope: API_KEY_SCOPES.predict,
    userAccess: "signedIn",
    status: 200,
    request: async () => ({ method: "GET", url: "/features" }),
  },
  "POST /features": {
    public: false,
    keyScope: API_KEY_SCOPES.predict,
    userAccess: "signedIn",
    status: 200,
    request: async () => ({ method: "POST", url: "/features", body: history }),
  },
  "GET /features/{loanId}": {
    public: false,
    keyScope: API_KEY_SCOPES.readLoans,
    userAccess: "work",
    status: 200,
    request: async (w, target) => ({
      method: "GET",
      url: `/features/${(await w.newCase(w.owners[target])).loanId}`,
    }),
  },
  "POST /predict": {
    public: false,
    keyScope: API_KEY_SCOPES.predict,
    userAccess: "signedIn",
    status: 200,
    request: async () => ({ method: "POST", url: "/predict", body: { history } }),
  },
};
