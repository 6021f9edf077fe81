/**
 * What an external system's API key may do. A key gets `predict` unless granted more, because most
 * scorers only post data and read a score; reading what we store about a lender's borrowers is separate.
 */
export const API_KEY_SCOPES = {
  /** Score posted data: POST /predict, GET /features (the catalogue), POST /features. Nothing stored is read. */
  predict: "predict",
  /** Read stored loans: GET /features/{loanId}. */
  readLoans: "read:loans",
} as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[keyof typeof API_KEY_SCOPES];

export const ALL_API_KEY_SCOPES: readonly ApiKeyScope[] = Object.values(API_KEY_SCOPES);
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = [API_KEY_SCOPES.predict];

export function isApiKeyScope(s: string): s is ApiKeyScope {
  return (ALL_API_KEY_SCOPES as readonly string[]).includes(s);
}
